package io.ordersvc.shared.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** An e-ticket is unused until it is redeemed (used), its validity ends (expired) or its money goes back (refunded). */
public enum TicketStatus {
    UNUSED, USED, EXPIRED, REFUNDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean settled() {
        return this != UNUSED;
    }
}
