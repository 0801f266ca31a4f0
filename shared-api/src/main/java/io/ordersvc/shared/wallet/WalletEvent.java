package io.ordersvc.shared.wallet;

import io.ordersvc.shared.money.Money;

import java.time.Instant;

/**
 * What happens to a buyer's points and balance. Every event carries what is left after it, so a ledger is a fold
 * without arithmetic. Points an unpaid order holds are frozen: not available, not yet spent.
 */
public sealed interface WalletEvent {

    String buyerId();

    Instant at();

    record PointsAdjusted(String buyerId, long delta, String reason, String adjustedBy, long availableAfter,
                          Instant at) implements WalletEvent {
    }

    /** A checkout froze points for an order (points paying part of it, or a points exchange's price). */
    record PointsFrozen(String buyerId, String orderId, long points, long availableAfter, Instant at)
            implements WalletEvent {
    }

    /** The order was cancelled or expired: its frozen points are available again. */
    record PointsUnfrozen(String buyerId, String orderId, long points, String reason, long availableAfter,
                          Instant at) implements WalletEvent {
    }

    /** The order was paid: its frozen points are spent. */
    record PointsSpent(String buyerId, String orderId, long points, Instant at) implements WalletEvent {
    }

    /**
     * A completed order's earning changed by delta: earned on completion, or (negative) taken back after a refund.
     * shortfall: points that could not be taken back because the buyer had spent them (never below zero).
     */
    record PointsEarned(String buyerId, String orderId, long delta, long earnedTotal, long shortfall,
                        long availableAfter, Instant at) implements WalletEvent {
    }

    /** A refund gave back the points that paid its share of the order. */
    record PointsRefunded(String buyerId, String orderId, String refundId, long points, long availableAfter,
                          Instant at) implements WalletEvent {
    }

    /** A refund gave back the balance that paid its share of the order (after a gift card, before the channel). */
    record BalanceRefunded(String buyerId, String orderId, String refundId, Money amount, Money balanceAfter,
                           Instant at) implements WalletEvent {
    }

    /** A checkout paid part of an order with one of the buyer's gift cards: the wallet remembers which. */
    record GiftCardUsed(String buyerId, String orderId, String number, Money amount, Instant at)
            implements WalletEvent {
    }

    record BalanceAdjusted(String buyerId, Money delta, String reason, String adjustedBy, Money balanceAfter,
                           Instant at) implements WalletEvent {
    }

    /** A checkout paid part of an order with the balance. */
    record BalanceSpent(String buyerId, String orderId, Money amount, Money balanceAfter, Instant at)
            implements WalletEvent {
    }

    /** The order was cancelled or expired: the balance it took is back. */
    record BalanceReturned(String buyerId, String orderId, Money amount, String reason, Money balanceAfter,
                           Instant at) implements WalletEvent {
    }
}
