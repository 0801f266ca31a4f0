package io.ordersvc.command.support;

import java.time.Duration;

/**
 * How long to wait before the next attempt of something sent out (a payout, a webhook delivery): the base, doubled
 * per attempt made, at most the cap.
 */
public record Backoff(Duration base, Duration cap) {

    public Duration after(int attempts) {
        Duration next = base.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return next.compareTo(cap) > 0 ? cap : next;
    }
}
