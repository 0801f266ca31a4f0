package io.ordersvc.shared.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum ProductType {
    /** Goods that are shipped. */
    PHYSICAL,
    /** Tickets redeemed at the shop within a validity window (seed 002); never shipped. */
    E_TICKET;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
