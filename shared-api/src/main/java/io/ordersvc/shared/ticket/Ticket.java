package io.ordersvc.shared.ticket;

import io.ordersvc.shared.money.Money;

import java.time.Instant;

/**
 * One e-ticket as issued: its code (unguessable, the credential the buyer shows), the order line it is a unit of,
 * what was paid for it (the line's paid amount apportioned to the fen over its units: a refund of it returns exactly
 * that) and its validity (validFrom null: at once).
 */
public record Ticket(String code, String orderLineId, String productName, Money amount, Instant validFrom,
                     Instant validUntil) {

    /** What a code looks like: 16 characters of Crockford's base32 (no I, L, O, U). */
    public static final String CODE_PATTERN = "^[0-9A-HJKMNP-TV-Z]{16}$";
}
