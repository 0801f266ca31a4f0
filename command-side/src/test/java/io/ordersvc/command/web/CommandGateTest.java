package io.ordersvc.command.web;

import io.ordersvc.platform.web.ServiceBusy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandGateTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    /** A gate of a fixed size: nothing paces it. */
    private static CommandGate fixed(int size) {
        return new CommandGate(size, size, Long.MAX_VALUE, 100, () -> 0, System::nanoTime);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void no_more_commands_than_its_size_run_at_once_and_the_next_one_runs_when_a_turn_frees() throws Exception {
        CommandGate gate = fixed(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoRunning = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable command = () -> gate.through(10_000, left -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoRunning.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return left;
        });

        var first = CompletableFuture.runAsync(command, callers);
        var second = CompletableFuture.runAsync(command, callers);
        assertThat(twoRunning.await(10, TimeUnit.SECONDS)).isTrue();
        var third = CompletableFuture.runAsync(command, callers);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.waiting() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(gate.inFlight()).isEqualTo(2);

        release.countDown();
        CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
        assertThat(most.get()).isEqualTo(2);
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void a_command_whose_turn_does_not_come_within_its_budget_is_busy_and_never_sent() throws Exception {
        CommandGate gate = fixed(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> gate.through(10_000, left -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), callers);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger sent = new AtomicInteger();

        assertThatThrownBy(() -> gate.through(50, left -> sent.incrementAndGet()))
                .isInstanceOf(ServiceBusy.class).hasMessageContaining("50 ms");
        assertThat(sent.get()).isZero();

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(gate.<Integer>through(50, left -> sent.incrementAndGet())).isEqualTo(1);
    }

    @Test
    void the_command_gets_what_is_left_of_its_budget_and_a_failure_gives_its_turn_back() {
        CommandGate gate = fixed(1);

        assertThat(gate.<Long>through(10_000, left -> left)).isBetween(1L, 10_000L);
        assertThatThrownBy(() -> gate.through(10_000, left -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(gate.inFlight()).isZero();
        assertThat(gate.<String>through(10_000, left -> "next")).isEqualTo("next");
    }

    @Test
    void a_gate_needs_at_least_one_turn() {
        assertThatThrownBy(() -> fixed(0)).hasMessageContaining("orders.commands-in-flight");
    }

    /** Sends a command while every other turn is taken: as many nested sends on this thread as the limit allows. */
    private static int everyTurnTaken(CommandGate gate) {
        return gate.through(1_000, left -> nested(gate, gate.limit() - 1));
    }

    private static int nested(CommandGate gate, int more) {
        return more <= 0 ? 0 : gate.through(1_000, left -> nested(gate, more - 1)) + 1;
    }

    @Test
    void the_limit_shrinks_by_an_eighth_while_the_projections_lag_and_grows_by_one_once_they_keep_up() {
        AtomicLong now = new AtomicLong();
        AtomicLong lag = new AtomicLong();
        CommandGate gate = new CommandGate(32, 4, 100, 100, lag::get, now::get);
        assertThat(everyTurnTaken(gate)).isEqualTo(31);

        List<Integer> limits = new ArrayList<>();
        lag.set(400);
        for (int i = 0; i < 40; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            everyTurnTaken(gate);
            limits.add(gate.limit());
        }
        // An eighth off each period (at least one), never below the least.
        assertThat(limits).startsWith(28, 25, 22, 20, 18, 16, 14, 13, 12);
        assertThat(limits.get(limits.size() - 1)).isEqualTo(4);

        lag.set(80); // between three quarters of the target and the target: the limit holds
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        everyTurnTaken(gate);
        assertThat(gate.limit()).isEqualTo(4);

        lag.set(10);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50)); // within the period: no change yet
        everyTurnTaken(gate);
        assertThat(gate.limit()).isEqualTo(4);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            everyTurnTaken(gate);
        }
        assertThat(gate.limit()).isEqualTo(24); // one more per period
        for (int i = 0; i < 20; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            everyTurnTaken(gate);
        }
        assertThat(gate.limit()).isEqualTo(32); // up to the most
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void a_limit_nobody_reaches_does_not_grow_and_a_lag_shrinks_it_from_the_turns_used() {
        AtomicLong now = new AtomicLong();
        AtomicLong lag = new AtomicLong(400);
        CommandGate gate = new CommandGate(64, 4, 100, 100, lag::get, now::get);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            gate.through(1_000, left -> gate.through(1_000, l -> 0)); // two in flight at most
        }
        // From 64 the shrinks would have bitten only below the commands actually sent (56, 49, 43: none held back).
        assertThat(gate.limit()).isEqualTo(4);

        lag.set(0);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            gate.through(1_000, left -> gate.through(1_000, l -> 0));
        }
        assertThat(gate.limit()).as("two at once never reached four turns").isEqualTo(4);

        lag.set(400);
        CommandGate wide = new CommandGate(32, 4, 100, 100, lag::get, now::get);
        for (int i = 0; i < 8; i++) {
            wide.through(1_000, left -> nested(wide, 7)); // eight at once
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        wide.through(1_000, left -> left);
        assertThat(wide.limit()).isEqualTo(7); // an eighth off the eight used, not off 32
    }

    @Test
    void a_limit_shrinking_below_the_commands_in_flight_lets_none_new_in_until_enough_have_finished() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicLong lag = new AtomicLong(1_000);
        CommandGate gate = new CommandGate(4, 1, 100, 100, lag::get, now::get);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        List<CompletableFuture<Void>> holders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            holders.add(CompletableFuture.runAsync(() -> gate.through(10_000, left -> {
                running.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }), callers));
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThatThrownBy(() -> gate.through(50, left -> left)).isInstanceOf(ServiceBusy.class);
        assertThat(gate.limit()).isEqualTo(2); // three of four turns used: one off those, fewer than are out

        release.countDown();
        CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(gate.<String>through(50, left -> "in")).isEqualTo("in");
    }

    @Test
    void by_default_an_instance_works_on_four_commands_per_core_at_once() {
        assertThat(Commands.inFlightFor(2)).isEqualTo(8);
        assertThat(Commands.inFlightFor(16)).isEqualTo(64);
        assertThat(Commands.inFlightFor(0)).as("a container that reports no core").isEqualTo(4);
    }
}
