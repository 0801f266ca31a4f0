package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum OrderStatus {
    PENDING_PAYMENT, TO_SHIP, SHIPPED, COMPLETED, CANCELLED, CLOSED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromValue(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
