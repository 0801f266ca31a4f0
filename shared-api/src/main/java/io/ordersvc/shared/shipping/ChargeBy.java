package io.ordersvc.shared.shipping;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a freight template counts: pieces, or grams. */
public enum ChargeBy {
    COUNT,
    WEIGHT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
