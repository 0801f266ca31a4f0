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

    /**
     * A coupon became the buyer's (claimed, granted or exchanged for a code), with its terms as issued: a template
     * never changes what a coupon already given takes off.
     */
    record CouponReceived(String buyerId, String couponId, String templateId, String name,
                          io.ordersvc.shared.coupon.CouponTerms terms, Instant useFrom, Instant useUntil, String via,
                          Instant at) implements WalletEvent {
    }

    /** A checkout's orders hold the coupon until one of them is paid (used) or all are cancelled (released). */
    record CouponLocked(String buyerId, String couponId, java.util.List<String> orderIds, Money discount, Instant at)
            implements WalletEvent {
    }

    /**
     * One of the orders holding the coupon was cancelled or expired unpaid; lockedBy: the orders that still hold it
     * (empty: the coupon is usable again).
     */
    record CouponReleased(String buyerId, String couponId, String orderId, java.util.List<String> lockedBy,
                          String reason, Instant at) implements WalletEvent {
    }

    /** An order holding the coupon was paid: the coupon is spent for good (a refund does not give it back). */
    record CouponUsed(String buyerId, String couponId, String orderId, Instant at) implements WalletEvent {
    }
}
