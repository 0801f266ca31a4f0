package io.ordersvc.command.groupbuy;

import io.ordersvc.command.support.Backoff;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.ExpireGroup;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.RecordSeatPaid;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.ReleaseSeat;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.SettleGroupOrder;
import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.identity.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Carries out the group steps that are due (a recurring task on the timers' db-scheduler, on one instance at a
 * time; rows claimed with SKIP LOCKED besides): each is one command, idempotent on its aggregate, so one run again
 * after a crash changes nothing. A step that fails for a passing reason (the database away, a concurrent change)
 * is tried again with back-off; one the domain refuses is logged and dropped. The steps a step causes (a group's
 * end after its last seat is paid) run in the same sweep.
 */
@Component
class GroupSweep {

    private static final Logger log = LoggerFactory.getLogger(GroupSweep.class);
    private static final Actor SWEEP = Actor.system("group-sweep");
    private static final int BATCH = 100;
    private static final int ROUNDS = 5;
    private final GroupTaskTable table;
    private final CommandGateway gateway;
    private final Clock clock;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));
    private final Duration claim;

    GroupSweep(GroupTaskTable table, CommandGateway gateway, Clock clock,
               @Value("${orders.groups.claim:2m}") Duration claim) {
        this.table = table;
        this.gateway = gateway;
        this.clock = clock;
        this.claim = claim;
    }

    private final java.util.concurrent.ExecutorService nudges = java.util.concurrent.Executors
            .newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "group-sweep-nudge");
                thread.setDaemon(true);
                return thread;
            });
    private final java.util.concurrent.atomic.AtomicBoolean nudged = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A step was just committed on this instance: sweep now rather than at the next poll (the leader's payment
     * opens the group to others at once). Nudges that come while one waits are one sweep; the poll stays the
     * safety net, and another instance's sweep takes nothing this one holds (SKIP LOCKED).
     */
    void nudge() {
        if (nudged.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudged.set(false);
                try {
                    sweep();
                } catch (RuntimeException e) { // the poll takes it up
                    log.debug("group sweep after a nudge failed: {}", e.toString());
                }
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        nudges.shutdownNow();
    }

    /** @return how many steps it carried out */
    int sweep() {
        int done = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Instant now = clock.instant();
            List<GroupTaskTable.Task> due = table.claim(now, now.plus(claim), BATCH);
            due.forEach(task -> run(task, now));
            done += due.size();
            if (due.isEmpty()) {
                break;
            }
        }
        return done;
    }

    private void run(GroupTaskTable.Task task, Instant now) {
        try {
            gateway.sendAndWait(command(task), 10, TimeUnit.SECONDS);
            table.done(task.taskId());
        } catch (DomainException refused) {
            log.warn("group step {} refused, dropped: {}", task.taskId(), refused.getMessage());
            table.done(task.taskId());
        } catch (RuntimeException e) {
            int attempt = task.attempts() + 1;
            log.warn("group step {} failed (attempt {}), tried again later: {}", task.taskId(), attempt, e.toString());
            try {
                table.later(task.taskId(), attempt, now.plus(backoff.after(attempt)), e.toString());
            } catch (RuntimeException again) { // the database away: the claim lapses and the step is due again
                log.warn("group step {} not rescheduled: {}", task.taskId(), again.toString());
            }
        }
    }

    private static Object command(GroupTaskTable.Task t) {
        return switch (t.kind()) {
            case DEADLINE -> new ExpireGroup(t.groupId(), SWEEP);
            case SEAT_PAID -> new RecordSeatPaid(t.groupId(), t.orderId(), SWEEP);
            case SEAT_RELEASED -> new ReleaseSeat(t.groupBuyId(), t.groupId(), t.orderId(), SWEEP);
            case SETTLE_SUCCEEDED -> new SettleGroupOrder(t.orderId(), t.groupId(), GroupStatus.SUCCEEDED, SWEEP);
            case SETTLE_FAILED -> new SettleGroupOrder(t.orderId(), t.groupId(), GroupStatus.FAILED, SWEEP);
        };
    }
}
