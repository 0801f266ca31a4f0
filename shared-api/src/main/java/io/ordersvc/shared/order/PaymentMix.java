package io.ordersvc.shared.order;

import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.money.Money;

import java.math.RoundingMode;

/**
 * How an order was paid (points, balance, gift card, the payment channel) and what of each refunds gave back; the
 * one rule that splits a refund (API.md "A refund returns money in reverse"): the points used for the refunded share
 * come back (the share of the order's total that points paid, rounded down to the fen), and the money goes back to
 * the gift card first, then the balance, then the channel, none beyond what it paid. A fen left by rounding goes to
 * the points. The shares always add up to the refund.
 *
 * @param pointsUsed the points that paid {@code points} (a whole number of points per fen)
 */
public record PaymentMix(Money total, long pointsUsed, Money points, Money balance, Money giftCard, Money channel,
                         Share back) {

    /** What one refund (or all of them together) gave back through each instrument. */
    public record Share(long pointsUsed, Money points, Money balance, Money giftCard, Money channel) {
        public static final Share NONE = new Share(0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

        /** A refund of before the buyer's assets: all of it through the channel. */
        public static Share channel(Money amount) {
            return new Share(0, Money.ZERO, Money.ZERO, Money.ZERO, amount);
        }

        public Money amount() {
            return points.plus(balance).plus(giftCard).plus(channel);
        }

        Share plus(Share other) {
            return new Share(pointsUsed + other.pointsUsed, points.plus(other.points), balance.plus(other.balance),
                    giftCard.plus(other.giftCard), channel.plus(other.channel));
        }
    }

    /** An order's mix as placed; a points exchange's points paid no money and are not part of it. */
    public static PaymentMix of(PriceBreakdown price) {
        return new PaymentMix(price.totalAmount(), price.pointsAmount().isPositive() ? price.pointsUsed() : 0,
                price.pointsAmount(), price.balanceAmount(), price.giftCardAmount(), price.payAmount(), Share.NONE);
    }

    /**
     * @param amount at most what is left to give back (refunds are bounded by the lines' paid amounts)
     * @throws IllegalArgumentException when the amount is more than the instruments have left
     */
    public Share split(Money amount) {
        Money pointsLeft = points.minus(back.points);
        Money pointsShare = Money.ZERO;
        if (pointsLeft.isPositive() && total.isPositive()) {
            pointsShare = new Money(amount.amount().multiply(points.amount())
                    .divide(total.amount(), 2, RoundingMode.DOWN)).min(pointsLeft);
        }
        Money rest = amount.minus(pointsShare);
        Money toCard = rest.min(giftCard.minus(back.giftCard));
        rest = rest.minus(toCard);
        Money toBalance = rest.min(balance.minus(back.balance));
        rest = rest.minus(toBalance);
        Money toChannel = rest.min(channel.minus(back.channel));
        rest = rest.minus(toChannel);
        Money extra = rest.min(pointsLeft.minus(pointsShare));
        pointsShare = pointsShare.plus(extra);
        if (rest.minus(extra).isPositive()) {
            throw new IllegalArgumentException("a refund of " + amount + " is more than the order has left to give "
                    + "back");
        }
        long perFen = points.isPositive() ? pointsUsed / points.amount().movePointRight(2).longValueExact() : 0;
        return new Share(pointsShare.amount().movePointRight(2).longValueExact() * perFen, pointsShare, toBalance,
                toCard, toChannel);
    }

    public PaymentMix after(Share refunded) {
        return new PaymentMix(total, pointsUsed, points, balance, giftCard, channel, back.plus(refunded));
    }
}
