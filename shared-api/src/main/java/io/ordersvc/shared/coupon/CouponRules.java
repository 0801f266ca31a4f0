package io.ordersvc.shared.coupon;

import io.ordersvc.shared.checkout.Apportion;
import io.ordersvc.shared.money.Money;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a coupon may pay for a checkout's goods, and what it takes off each line: one pure function for the
 * preview's coupon list (usable, unusable_reason), the submit and the tests. The coupon comes after member price
 * and promotions (API.md "Order of application"): it counts and reduces each line's amount after those, and its
 * discount is apportioned to the eligible lines to the fen (the remainder on the largest), never more than a line
 * costs.
 */
public final class CouponRules {

    private CouponRules() {
    }

    /** A line as the coupon sees it: its goods and what is left to pay for it after member price and promotions. */
    public record Line(String skuId, String shopId, String categoryId, Money amount) {
    }

    /** A coupon the buyer holds: its terms, when it may be used, and whether an order used or holds it. */
    public record Held(String couponId, CouponTerms terms, Instant useFrom, Instant useUntil, boolean taken) {
    }

    /**
     * The first reason the coupon cannot pay for these lines now, in the order a buyer fixes them: already used,
     * not started, expired, level, shop, category, then the minimum spend.
     */
    public static Optional<UnusableReason> unusable(Held coupon, List<Line> lines, Integer memberLevel, Instant now) {
        CouponTerms terms = coupon.terms();
        if (coupon.taken()) {
            return Optional.of(UnusableReason.ALREADY_USED);
        }
        if (now.isBefore(coupon.useFrom())) {
            return Optional.of(UnusableReason.NOT_STARTED);
        }
        if (!now.isBefore(coupon.useUntil())) {
            return Optional.of(UnusableReason.EXPIRED);
        }
        if (!terms.memberLevels().isEmpty() && (memberLevel == null || !terms.memberLevels().contains(memberLevel))) {
            return Optional.of(UnusableReason.LEVEL_TOO_LOW);
        }
        if (terms.shopId() != null && lines.stream().noneMatch(l -> terms.shopId().equals(l.shopId()))) {
            return Optional.of(UnusableReason.WRONG_SHOP);
        }
        List<Line> eligible = eligible(terms, lines);
        if (eligible.isEmpty()) {
            return Optional.of(UnusableReason.WRONG_CATEGORY);
        }
        if (total(eligible).compareTo(terms.minSpend()) < 0) {
            return Optional.of(UnusableReason.BELOW_MIN_SPEND);
        }
        return Optional.empty();
    }

    /** The lines the coupon pays for. */
    public static List<Line> eligible(CouponTerms terms, List<Line> lines) {
        return lines.stream().filter(l -> terms.covers(l.shopId(), l.categoryId())).toList();
    }

    /**
     * What the coupon takes off each of the lines (zero for those it does not cover), in their order. An amount
     * coupon takes its amount, at most what the eligible goods cost; a rate coupon takes (1 − rate) of them,
     * rounded down to the fen.
     */
    public static List<Money> discounts(CouponTerms terms, List<Line> lines) {
        List<Line> eligible = eligible(terms, lines);
        Money base = total(eligible);
        Money off = switch (terms.type()) {
            case AMOUNT -> terms.amount().min(base);
            case RATE -> new Money(base.amount().multiply(java.math.BigDecimal.ONE.subtract(terms.rate()))
                    .setScale(2, RoundingMode.DOWN));
        };
        List<Money> shares = Apportion.split(off, eligible.stream().map(Line::amount).toList());
        List<Money> out = new ArrayList<>();
        int next = 0;
        for (Line line : lines) {
            out.add(terms.covers(line.shopId(), line.categoryId()) ? shares.get(next++) : Money.ZERO);
        }
        return out;
    }

    private static Money total(List<Line> lines) {
        return lines.stream().map(Line::amount).reduce(Money.ZERO, Money::plus);
    }
}
