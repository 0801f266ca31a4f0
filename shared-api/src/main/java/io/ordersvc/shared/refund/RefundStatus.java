package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * applied → refused | cancelled | awaiting_return → return_shipped → refunded; applied → refunded (refund_only).
 * Money that goes back through a payment channel passes through refunding until the channel confirms.
 */
public enum RefundStatus {
    APPLIED, REFUSED, CANCELLED, AWAITING_RETURN, RETURN_SHIPPED, REFUNDING, REFUNDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RefundStatus fromValue(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }

    public boolean open() {
        return this == APPLIED || this == AWAITING_RETURN || this == RETURN_SHIPPED;
    }
}
