package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * How points, balance and a gift card pay part of a checkout's orders (API.md: "points, balance and gift cards then pay part of
 * what is left"). A pure function: each order's total and the most points may pay of it in, each order's share out,
 * apportioned to the fen ({@link Apportion}) so that the shares add up to what the buyer asked for, and no order is
 * paid beyond its own total. Problems are returned, not thrown: a preview shows them all.
 */
public final class AssetSplit {

    private AssetSplit() {
    }

    /**
     * How many points pay ¥1: a multiple of 100 that divides 10,000, so that a point is worth an exact number of
     * hundredths of a fen and 100 points an exact number of fen.
     */
    public record PointsRate(long pointsPerYuan) {

        public PointsRate {
            if (pointsPerYuan <= 0 || pointsPerYuan % 100 != 0 || 10_000 % pointsPerYuan != 0) {
                throw new IllegalArgumentException("points per yuan must be a multiple of 100 that divides 10000, not "
                        + pointsPerYuan);
            }
        }

        /** Points worth one fen. */
        public long pointsPerFen() {
            return pointsPerYuan / 100;
        }

        public boolean wholeFen(long points) {
            return points % pointsPerFen() == 0;
        }

        /** What whole-fen points are worth. */
        public Money value(long points) {
            return new Money(BigDecimal.valueOf(points / pointsPerFen(), 2));
        }

        /** The points an amount is worth. */
        public long points(Money amount) {
            return amount.amount().movePointRight(2).longValueExact() * pointsPerFen();
        }

        /** What 100 points are worth (the preview's yuan_per_100). */
        public Money yuanPer100() {
            return new Money(BigDecimal.valueOf(10_000 / pointsPerYuan, 2));
        }
    }

    /** One order: its total, and the most points may pay of it (its lines' points_deductible, within its total). */
    public record Part(Money total, Money pointsCap) {
    }

    /** Each order's share, in the order of the parts. */
    public record Split(List<Long> pointsUsed, List<Money> pointsAmount, List<Money> balance, List<Money> giftCard) {
    }

    public record Problem(String code, String message) {
    }

    /**
     * @param usePoints  points the buyer spends (0: none)
     * @param useBalance balance the buyer spends
     * @param useCard    what the buyer's gift card pays
     * @param problems   where the reasons the request cannot be met are added; the split then leaves that asset out
     */
    public static Split split(List<Part> parts, long usePoints, Money useBalance, Money useCard, PointsRate rate,
                              List<Problem> problems) {
        List<Money> zero = parts.stream().map(p -> Money.ZERO).toList();
        List<Money> points = zero;
        if (usePoints > 0) {
            Money cap = parts.stream().map(p -> p.pointsCap().min(p.total())).reduce(Money.ZERO, Money::plus);
            if (!rate.wholeFen(usePoints)) {
                problems.add(new Problem("INVALID_POINTS", "use_points must be a multiple of " + rate.pointsPerFen()
                        + " (" + rate.pointsPerFen() + " points are worth ¥0.01)"));
            } else if (rate.value(usePoints).compareTo(cap) > 0) {
                problems.add(new Problem("POINTS_OVER_LIMIT", "points may pay at most " + cap + " of these goods ("
                        + rate.points(cap) + " points); " + usePoints + " asked"));
            } else {
                points = Apportion.split(rate.value(usePoints), parts.stream().map(p -> p.pointsCap().min(p.total()))
                        .toList());
            }
        }
        List<Money> left = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            left.add(parts.get(i).total().minus(points.get(i)));
        }
        List<Money> balance = pay(left, useBalance, "BALANCE_OVER_TOTAL", "the balance", problems);
        for (int i = 0; i < parts.size(); i++) {
            left.set(i, left.get(i).minus(balance.get(i)));
        }
        List<Money> card = pay(left, useCard, "GIFT_CARD_OVER_TOTAL", "the gift card", problems);
        return new Split(points.stream().map(rate::points).toList(), points, balance, card);
    }

    /** An amount split over what is left of each order, or nothing (and a problem) when it is more than that. */
    private static List<Money> pay(List<Money> left, Money amount, String code, String what,
                                   List<Problem> problems) {
        if (!amount.isPositive()) {
            return left.stream().map(l -> Money.ZERO).toList();
        }
        Money payable = left.stream().reduce(Money.ZERO, Money::plus);
        if (amount.compareTo(payable) > 0) {
            problems.add(new Problem(code, what + " may pay at most " + payable + " of this checkout; " + amount
                    + " asked"));
            return left.stream().map(l -> Money.ZERO).toList();
        }
        return Apportion.split(amount, left);
    }
}
