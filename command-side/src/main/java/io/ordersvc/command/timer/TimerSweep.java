package io.ordersvc.command.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderCommand;
import io.ordersvc.shared.order.OrderCommand.AutoConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.CloseAfterSalesWindow;
import io.ordersvc.shared.order.OrderCommand.CloseReviewWindow;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.TimerType;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires due order timers. One recurring db-scheduler task per timer type (TimerConfig) calls {@link #sweep}: it
 * claims the due rows in batches ({@code FOR UPDATE SKIP LOCKED}, so instances never take the same row) and sends
 * each order its command, a few at a time, in a unit of work of its own: the senders run in none, so nothing is
 * nested. The order's
 * own rules decide, so a timer racing a user's action does no harm, and a refusal means the order moved on (paid,
 * received, a refund open): the timer is done either way. A command that failed for another reason (the database
 * away) keeps its row, which is due again when the claim lapses.
 */
@Component
public class TimerSweep {

    /** Counter of timers fired on this instance (orders_timers_fired_total on /actuator/prometheus). */
    public static final String FIRED = "orders.timers.fired";
    private static final Actor TIMERS = Actor.system("order-timers");
    private static final Logger log = LoggerFactory.getLogger(TimerSweep.class);

    private final DueTable table;
    private final CommandGateway gateway;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration claim;
    private final int batchSize;
    private final Duration commandTimeout;
    /** Sends a batch's commands a few at a time: one after another, a sweep under full load fell seconds behind. */
    private final ExecutorService senders;

    TimerSweep(DueTable table, CommandGateway gateway, MeterRegistry meters, Clock clock,
               @Value("${orders.timers.claim:30s}") Duration claim,
               @Value("${orders.timers.batch-size:200}") int batchSize,
               @Value("${orders.timers.parallel-commands:4}") int parallelCommands,
               @Value("${orders.command-timeout:10s}") Duration commandTimeout) {
        this.table = table;
        this.gateway = gateway;
        this.meters = meters;
        this.clock = clock;
        this.claim = claim;
        this.batchSize = batchSize;
        this.commandTimeout = commandTimeout;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(parallelCommands, r -> {
            Thread t = new Thread(r, "order-timer-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** Fires every due timer of the type, a batch at a time, until a batch comes back short. */
    public void sweep(TimerType type) {
        while (sweepBatch(type) == batchSize) {
            log.debug("{} timers: another batch", type);
        }
    }

    /** One batch: claimed, fired, the fired rows deleted. Returns how many were claimed. */
    int sweepBatch(TimerType type) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.plus(claim);
        List<Due> claimed = table.claim(type, now, until, batchSize);
        List<CompletableFuture<Boolean>> sent = claimed.stream()
                .map(due -> CompletableFuture.supplyAsync(() -> fire(type, due.orderId()), senders)).toList();
        List<Due> fired = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            if (sent.get(i).join()) {
                fired.add(claimed.get(i));
            }
        }
        table.fired(fired, until);
        return claimed.size();
    }

    private boolean fire(TimerType type, String orderId) {
        meters.counter(FIRED, "type", type.value()).increment();
        try {
            gateway.sendAndWait(command(type, orderId), commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (DomainException refused) {
            if ("NOT_YET_DUE".equals(refused.code())) {
                // the order moved the date (an extended receipt) and the due dates have not caught up yet: the row
                // stays, and is claimed again at its new date or after the claim, whichever its update gives
                log.debug("{} timer of order {} not due yet: {}", type, orderId, refused.getMessage());
                return false;
            }
            log.debug("{} timer of order {} not applied: {}", type, orderId, refused.getMessage());
            return true;
        } catch (AggregateNotFoundException gone) {
            log.warn("{} timer of order {} names no order: dropped", type, orderId);
            return true;
        } catch (RuntimeException failure) {
            log.warn("{} timer of order {} failed, due again in {}: {}", type, orderId, claim, failure.toString());
            return false;
        }
    }

    static Object command(TimerType type, String orderId) {
        return switch (type) {
            case PAYMENT_TIMEOUT -> new ExpireOrder(orderId, TIMERS);
            case AUTO_CONFIRM -> new AutoConfirmReceipt(orderId, TIMERS);
            case REVIEW_WINDOW -> new CloseReviewWindow(orderId, TIMERS);
            case AFTER_SALES_WINDOW -> new CloseAfterSalesWindow(orderId, TIMERS);
            case TICKET_EXPIRY -> new io.ordersvc.shared.ticket.TicketCommand.ExpireTickets(orderId, TIMERS);
        };
    }
}
