package io.ordersvc.shared.coupon;

import java.time.Duration;
import java.time.Instant;

/**
 * When a template's coupons may be claimed and used (API.md "coupon-templates"): claimed within [claimFrom,
 * claimUntil); used within [useFrom, useUntil), or, with validDays, for that many days from the moment the buyer got
 * it.
 */
public record CouponValidity(Instant claimFrom, Instant claimUntil, Instant useFrom, Instant useUntil,
                             Integer validDays) {

    /** The use window of a coupon received at this instant. */
    public Window window(Instant receivedAt) {
        if (validDays != null) {
            return new Window(receivedAt, receivedAt.plus(Duration.ofDays(validDays)));
        }
        return new Window(useFrom, useUntil);
    }

    /** Whether a buyer may claim (or exchange a code for) a coupon now. */
    public boolean claimable(Instant now) {
        return !now.isBefore(claimFrom) && now.isBefore(claimUntil);
    }

    /** Whether a coupon received now could still be used at some time: fixed windows end. */
    public boolean usableAfter(Instant now) {
        return validDays != null || now.isBefore(useUntil);
    }

    public record Window(Instant useFrom, Instant useUntil) {
    }
}
