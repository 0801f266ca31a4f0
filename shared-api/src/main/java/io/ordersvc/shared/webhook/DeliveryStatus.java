package io.ordersvc.shared.webhook;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A webhook delivery: pending (sent until the subscriber answers 2xx, with back-off), delivered, failed (given up). */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
