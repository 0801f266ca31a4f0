package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A refund's payout through the payment channel: pending (being paid, retried), succeeded, failed (an admin may retry). */
public enum PayoutStatus {
    PENDING, SUCCEEDED, FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
