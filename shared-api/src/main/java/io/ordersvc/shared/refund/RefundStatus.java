package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** applied → refused | cancelled | awaiting_return → return_shipped → refunded; applied → refunded (refund_only). */
public enum RefundStatus {
    APPLIED, REFUSED, CANCELLED, AWAITING_RETURN, RETURN_SHIPPED, REFUNDED;

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
