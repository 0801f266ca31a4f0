package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a refund ended without money: the seller refused it, or the buyer withdrew it. */
public enum RefundOutcome {
    REFUSED, CANCELLED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
