package io.ordersvc.shared.wallet;

import io.ordersvc.shared.money.Money;

import java.time.Instant;

/**
 * What happens to a gift card. The secret is never stored: only its SHA-256 with the number, which binding checks.
 * Every change of the balance carries the balance after it.
 */
public sealed interface GiftCardEvent {

    String number();

    record GiftCardIssued(String number, String batchId, Money amount, String secretHash, Instant validUntil,
                          String issuedBy, Instant issuedAt) implements GiftCardEvent {
    }

    record GiftCardBound(String number, String buyerId, Instant boundAt) implements GiftCardEvent {
    }

    /** A checkout paid part of an order with the card. */
    record GiftCardSpent(String number, String buyerId, String orderId, Money amount, Money balanceAfter, Instant at)
            implements GiftCardEvent {
    }

    /** The unpaid order was cancelled or expired: what it took is back on the card. */
    record GiftCardReturned(String number, String buyerId, String orderId, Money amount, String reason,
                            Money balanceAfter, Instant at) implements GiftCardEvent {
    }

    /** A refund gave money back to the card first (API.md: gift card, then balance, then channel). */
    record GiftCardRefunded(String number, String buyerId, String orderId, String refundId, Money amount,
                            Money balanceAfter, Instant at) implements GiftCardEvent {
    }
}
