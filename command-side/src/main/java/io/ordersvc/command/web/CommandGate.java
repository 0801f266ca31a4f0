package io.ordersvc.command.web;

import io.ordersvc.platform.web.ServiceBusy;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Admits commands from clients at the pace the live projections keep. On two cores, request threads deciding
 * commands as fast as 32 clients send them take the CPU the projections need: order lists fell a second and more
 * behind what had been acknowledged (projection lag p99 1-1.3 s), and caught up only once the load stopped. A
 * fixed bound cures that but costs throughput whenever the projections could have kept up (bench/README.md).
 * <p>
 * So the number of commands worked on at once adapts, additive increase and multiplicative decrease, like TCP's
 * congestion window: every {@code period} it looks at the oldest live event a projection handled meanwhile
 * ({@code ProjectionPace}); above {@code targetLag} the limit shrinks by an eighth (not below {@code least}),
 * below three quarters of it the limit grows by one (up to {@code most}). Both count only the turns used, as TCP's
 * window does since RFC 7661: the limit grows only after a period in which every turn was taken at some moment, and
 * shrinks from the most commands that were in flight at once in the period when that was fewer. A limit nobody
 * reaches says nothing about whether more commands at once would keep up; grown anyway, it sat at 43-64 with 32
 * clients, and a lag spike's three or four shrinks by an eighth ended above 32 and held nobody back (bench/README.md,
 * session 25). The oldest event of a period is about the 99th percentile of the lag, so the target is the lag p99
 * one aims at. The others wait their turn in arrival order; a command whose turn does not come within its time
 * budget is answered 503 {@code SERVICE_BUSY}, never sent.
 */
public class CommandGate {

    private final Turns turns;
    private final int most;
    private final int least;
    private final long targetLagMillis;
    private final long periodNanos;
    private final LongSupplier worstLagMillis;
    private final LongSupplier nanoTime;
    private final AtomicLong adjustedAt;
    private volatile int limit;
    /** The most commands worked on at once since the limit was last adjusted. */
    private final AtomicInteger peak = new AtomicInteger();

    /**
     * @param worstLagMillis the oldest live event the projections handled since the last call (ProjectionPace)
     * @param nanoTime       the monotonic time ({@code System::nanoTime}; tests drive it)
     */
    public CommandGate(int most, int least, long targetLagMillis, long periodMillis, LongSupplier worstLagMillis,
                       LongSupplier nanoTime) {
        if (most < 1) {
            throw new IllegalArgumentException("orders.commands-in-flight must be at least 1, was " + most);
        }
        this.most = most;
        this.least = Math.max(1, Math.min(least, most));
        this.targetLagMillis = targetLagMillis;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.worstLagMillis = worstLagMillis;
        this.nanoTime = nanoTime;
        this.adjustedAt = new AtomicLong(nanoTime.getAsLong());
        this.limit = most;
        this.turns = new Turns(most);
    }

    /**
     * Runs {@code send} once a turn is free, handing it what is left of {@code budgetMillis}.
     *
     * @throws ServiceBusy when no turn came within the budget (the command was never sent)
     */
    public <R> R through(long budgetMillis, LongFunction<R> send) {
        long start = nanoTime.getAsLong();
        adjust(start);
        try {
            if (!turns.tryAcquire(budgetMillis, TimeUnit.MILLISECONDS)) {
                throw new ServiceBusy("Every command slot stayed busy for " + budgetMillis + " ms; retry shortly");
            }
            peak.accumulateAndGet(limit - turns.availablePermits(), Math::max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusy("Interrupted while waiting for a command slot; retry shortly");
        }
        try {
            long left = budgetMillis - TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start);
            return send.apply(Math.max(1, left));
        } finally {
            turns.release();
        }
    }

    /**
     * Once a period, by whichever command comes first: the limit follows the projections' lag and the turns used.
     */
    private void adjust(long now) {
        long last = adjustedAt.get();
        if (now - last < periodNanos || !adjustedAt.compareAndSet(last, now)) {
            return;
        }
        long lag = worstLagMillis.getAsLong();
        int used = peak.getAndSet(0);
        synchronized (this) {
            int current = limit;
            if (lag > targetLagMillis && current > least) {
                int from = Math.min(current, Math.max(used, 1));
                int next = Math.max(least, from - Math.max(1, from / 8));
                turns.take(current - next);
                limit = next;
            } else if (lag < targetLagMillis - targetLagMillis / 4 && current < most && used >= current) {
                limit = current + 1;
                turns.release();
            }
        }
    }

    /** How many commands may be worked on at once now. */
    public int limit() {
        return limit;
    }

    /** Commands being worked on now (for the metrics). */
    public int inFlight() {
        return Math.max(0, limit - turns.availablePermits());
    }

    /** Commands waiting for a turn now (for the metrics). */
    public int waiting() {
        return turns.getQueueLength();
    }

    /** A fair semaphore whose permits can also be taken away while they are out (the limit shrinking). */
    private static final class Turns extends Semaphore {
        Turns(int permits) {
            super(permits, true);
        }

        void take(int permits) {
            reducePermits(permits);
        }
    }
}
