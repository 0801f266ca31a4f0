package io.ordersvc.shared.checkout;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionRules.Gift;
import io.ordersvc.shared.promotion.PromotionRules.Tier;
import io.ordersvc.shared.promotion.PromotionType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the goods of a checkout cost (API.md "Order of application"): the member price on each unit, then the best
 * combination of reduction and discount promotions (each product in at most one), with add-on and gift lines priced
 * by their promotion. A pure function: no I/O, no clock (the instant comes in). Every discount is apportioned to the
 * lines (Apportion) so that each line knows what was really paid for it. The coupon, shipping and the buyer's
 * assets follow in {@link PriceBreakdown}.
 */
public final class Pricing {

    /** Above this many combinations the search keeps the best of a greedy pass and a local search (see README). */
    static final int EXACT_COMBINATIONS = 4096;

    /**
     * One line to price. unitPrice: the catalog's price (for add-on and gift lines the promotion's price replaces
     * it); promotionId: the promotion an add-on or gift line is taken under.
     */
    public record Line(String skuId, String productId, String shopId, Money unitPrice, int quantity, LineType type,
                       String promotionId) {

        public static Line normal(String skuId, String productId, String shopId, Money unitPrice, int quantity) {
            return new Line(skuId, productId, shopId, unitPrice, quantity, LineType.NORMAL, null);
        }
    }

    /** The buyer's member level (null: none) and its discount rate (1: none). */
    public record Member(Integer level, BigDecimal discountRate) {
        public static final Member NONE = new Member(null, BigDecimal.ONE);
    }

    /** A promotion that may apply; shopId null: platform-wide. */
    public record Offer(String promotionId, String shopId, PromotionRules rules) {

        /** Running at this instant and open to this member. */
        public boolean offeredTo(Member member, Instant now) {
            return rules.runsAt(now) && rules.isFor(member.level());
        }

        /** Its progress when none of the goods it covers are counted yet (a cart with nothing of it selected). */
        public Progress untouched() {
            return new Progress(promotionId, shopId, rules.name(), rules.type(), false,
                    ProgressText.of(rules, Money.ZERO, 0, false));
        }
    }

    /**
     * A priced line: lineAmount is the list price times the quantity (the gift price for add-on and gift lines);
     * paidAmount what is left after member, promotion and coupon discounts.
     */
    public record PricedLine(Line line, Money unitPrice, Money memberPrice, Money lineAmount, Money memberDiscount,
                             Money promotionDiscount, Money couponDiscount, String promotionId) {

        public Money discountShare() {
            return memberDiscount.plus(promotionDiscount).plus(couponDiscount);
        }

        /** The same line with a coupon's share taken off it too. */
        public PricedLine withCoupon(Money share) {
            return new PricedLine(line, unitPrice, memberPrice, lineAmount, memberDiscount, promotionDiscount, share,
                    promotionId);
        }

        public Money paidAmount() {
            return lineAmount.minus(discountShare());
        }

        /** The amount promotions count: after the member price. */
        Money memberAmount() {
            return lineAmount.minus(memberDiscount);
        }
    }

    /** A reduction or discount promotion that took money off, and from which SKUs. */
    public record Applied(String promotionId, String shopId, String name, PromotionType type, Money discount,
                          List<String> skuIds) {
    }

    /**
     * Every promotion the goods come under, applied or not, with what is missing for its next tier (the cart's
     * "再买¥31.00减¥50.00").
     */
    public record Progress(String promotionId, String shopId, String name, PromotionType type, boolean applied,
                           String progress) {
    }

    public record Goods(List<PricedLine> lines, List<Applied> applied, List<Progress> progress) {

        public Money goodsAmount() {
            return sum(PricedLine::lineAmount);
        }

        public Money memberDiscount() {
            return sum(PricedLine::memberDiscount);
        }

        public Money promotionDiscount() {
            return sum(PricedLine::promotionDiscount);
        }

        private Money sum(java.util.function.Function<PricedLine, Money> part) {
            return lines.stream().map(part).reduce(Money.ZERO, Money::plus);
        }
    }

    private Pricing() {
    }

    /**
     * @throws Refusal GIFT_NOT_OFFERED for an add-on or gift line its promotion does not offer now (not running, not
     *                 for the buyer's level, threshold not reached, not one of its gifts, more than max_select)
     */
    public static Goods price(List<Line> lines, Member member, List<Offer> offers, Instant now) {
        List<Offer> running = offers.stream()
                .filter(o -> o.offeredTo(member, now))
                .sorted(Comparator.comparing((Offer o) -> o.shopId() == null).thenComparing(Offer::promotionId))
                .toList();
        List<PricedLine> priced = new ArrayList<>();
        for (Line line : lines) {
            priced.add(line.type() == LineType.NORMAL ? memberPriced(line, member)
                    : giftPriced(line, running));
        }
        List<Integer> normal = new ArrayList<>();
        for (int i = 0; i < priced.size(); i++) {
            if (priced.get(i).line().type() == LineType.NORMAL) {
                normal.add(i);
            }
        }
        checkGifts(priced, normal, running);
        List<Offer> reducing = running.stream().filter(o -> o.rules().type().reduces()).toList();
        Map<String, Offer> assigned = bestAssignment(priced, normal, reducing);
        List<Applied> applied = new ArrayList<>();
        for (Offer offer : reducing) {
            List<Integer> members = normal.stream()
                    .filter(i -> assigned.get(priced.get(i).line().productId()) == offer).toList();
            Money discount = discount(offer.rules(), members.stream().map(priced::get).toList());
            if (discount.isPositive()) {
                List<Money> shares = Apportion.split(discount, members.stream()
                        .map(i -> priced.get(i).memberAmount()).toList());
                for (int k = 0; k < members.size(); k++) {
                    PricedLine p = priced.get(members.get(k));
                    priced.set(members.get(k), new PricedLine(p.line(), p.unitPrice(), p.memberPrice(), p.lineAmount(),
                            p.memberDiscount(), shares.get(k), p.couponDiscount(), offer.promotionId()));
                }
                applied.add(new Applied(offer.promotionId(), offer.shopId(), offer.rules().name(),
                        offer.rules().type(), discount, members.stream().map(i -> priced.get(i).line().skuId())
                        .toList()));
            }
        }
        List<Progress> progress = new ArrayList<>();
        for (Offer offer : running) {
            List<PricedLine> covered = normal.stream().map(priced::get)
                    .filter(p -> covers(offer, p.line())).toList();
            if (covered.isEmpty()) {
                continue;
            }
            boolean isApplied;
            List<PricedLine> counted = covered;
            if (offer.rules().type().reduces()) {
                isApplied = applied.stream().anyMatch(a -> a.promotionId().equals(offer.promotionId()));
                List<PricedLine> mine = covered.stream()
                        .filter(p -> offer.promotionId().equals(p.promotionId())).toList();
                counted = mine.isEmpty() ? covered : mine;
            } else {
                isApplied = reached(offer.rules(), covered) != null;
            }
            progress.add(new Progress(offer.promotionId(), offer.shopId(), offer.rules().name(),
                    offer.rules().type(), isApplied,
                    ProgressText.of(offer.rules(), amount(counted), count(counted), isApplied)));
        }
        return new Goods(List.copyOf(priced), List.copyOf(applied), List.copyOf(progress));
    }

    /** What a reduction or discount promotion takes off these lines (never more than they cost). */
    static Money discount(PromotionRules rules, List<PricedLine> lines) {
        Money amount = amount(lines);
        long count = count(lines);
        if (lines.isEmpty() || !amount.isPositive()) {
            return Money.ZERO;
        }
        Money off = Money.ZERO;
        if (rules.type() == PromotionType.FULL_REDUCTION && rules.repeat()) {
            Tier tier = rules.tiers().get(0);
            long times = tier.thresholdAmount() != null
                    ? amount.amount().divideToIntegralValue(tier.thresholdAmount().amount()).longValueExact()
                    : count / tier.thresholdCount();
            off = tier.reduction().times(times);
            if (rules.maxReduction() != null && off.compareTo(rules.maxReduction()) > 0) {
                off = rules.maxReduction();
            }
        } else {
            Tier tier = reached(rules, lines);
            if (tier != null && rules.type() == PromotionType.FULL_REDUCTION) {
                off = tier.reduction();
                if (rules.maxReduction() != null && off.compareTo(rules.maxReduction()) > 0) {
                    off = rules.maxReduction();
                }
            } else if (tier != null && rules.type() == PromotionType.FULL_DISCOUNT) {
                off = amount.minus(new Money(amount.amount().multiply(tier.discountRate())
                        .setScale(2, RoundingMode.HALF_UP)));
            }
        }
        return off.compareTo(amount) > 0 ? amount : off;
    }

    /** The highest tier these lines reach, or null. */
    static Tier reached(PromotionRules rules, List<PricedLine> lines) {
        Money amount = amount(lines);
        long count = count(lines);
        Tier best = null;
        for (Tier tier : rules.tiers()) {
            if (reaches(tier, amount, count)) {
                best = tier;
            }
        }
        return best;
    }

    /** Whether goods of this amount (at member price) and count reach a tier's threshold. */
    static boolean reaches(Tier tier, Money amount, long count) {
        return tier.thresholdAmount() != null ? amount.compareTo(tier.thresholdAmount()) >= 0
                : count >= tier.thresholdCount();
    }

    private static Money amount(List<PricedLine> lines) {
        return lines.stream().map(PricedLine::memberAmount).reduce(Money.ZERO, Money::plus);
    }

    private static long count(List<PricedLine> lines) {
        return lines.stream().mapToLong(p -> p.line().quantity()).sum();
    }

    /** Whether a promotion counts a line's goods (its shop's, or every shop's for a platform-wide one). */
    public static boolean covers(Offer offer, Line line) {
        return (offer.shopId() == null || offer.shopId().equals(line.shopId()))
                && offer.rules().covers(line.productId());
    }

    /** What one unit costs at the member's rate, rounded to the fen (the list price when the rate is 1). */
    public static Money memberPrice(Money unit, Member member) {
        BigDecimal rate = member.discountRate();
        return rate.compareTo(BigDecimal.ONE) >= 0 ? unit
                : new Money(unit.amount().multiply(rate).setScale(2, RoundingMode.HALF_UP));
    }

    private static PricedLine memberPriced(Line line, Member member) {
        Money unit = line.unitPrice();
        Money memberUnit = memberPrice(unit, member);
        Money amount = unit.times(line.quantity());
        return new PricedLine(line, unit, memberUnit, amount, unit.minus(memberUnit).times(line.quantity()),
                Money.ZERO, Money.ZERO, null);
    }

    private static PricedLine giftPriced(Line line, List<Offer> running) {
        Offer offer = running.stream().filter(o -> o.promotionId().equals(line.promotionId())).findFirst()
                .filter(o -> o.rules().type() == (line.type() == LineType.GIFT ? PromotionType.FREE_GIFT
                        : PromotionType.ADD_ON_PURCHASE))
                .orElseThrow(() -> notOffered(line, "promotion " + line.promotionId() + " does not offer it now"));
        Gift gift = offer.rules().gifts().stream().filter(g -> g.skuId().equals(line.skuId())).findFirst()
                .orElseThrow(() -> notOffered(line, "it is not one of the gifts of " + offer.rules().name()));
        Money amount = gift.price().times(line.quantity());
        return new PricedLine(line, gift.price(), gift.price(), amount, Money.ZERO, Money.ZERO, Money.ZERO,
                offer.promotionId());
    }

    /** A gift or add-on line needs its promotion's threshold reached and at most max_select of each gift. */
    private static void checkGifts(List<PricedLine> priced, List<Integer> normal, List<Offer> running) {
        Map<String, Integer> taken = new HashMap<>();
        for (PricedLine p : priced) {
            if (p.line().type() == LineType.NORMAL) {
                continue;
            }
            Offer offer = running.stream().filter(o -> o.promotionId().equals(p.promotionId())).findFirst()
                    .orElseThrow();
            List<PricedLine> covered = normal.stream().map(priced::get).filter(n -> covers(offer, n.line())).toList();
            if (reached(offer.rules(), covered) == null) {
                throw notOffered(p.line(), "the goods of " + offer.rules().name() + " do not reach its threshold");
            }
            Gift gift = offer.rules().gifts().stream().filter(g -> g.skuId().equals(p.line().skuId())).findFirst()
                    .orElseThrow();
            int units = taken.merge(offer.promotionId() + "/" + gift.skuId(), p.line().quantity(), Integer::sum);
            if (units > gift.maxSelect()) {
                throw notOffered(p.line(), "at most " + gift.maxSelect() + " of it");
            }
        }
    }

    private static Refusal notOffered(Line line, String why) {
        return Refusal.unprocessable("GIFT_NOT_OFFERED", "sku " + line.skuId() + " cannot be taken as "
                + line.type().value() + ": " + why);
    }

    /**
     * Which reduction or discount promotion each product takes part in, for the largest total discount. A product
     * with one candidate always takes part (a promotion never gives less for more goods); products with several are
     * tried in every combination up to {@link #EXACT_COMBINATIONS}, else from the greedy pass improved one product at
     * a time. Ties keep the first combination found: products by id, the shop's promotions before the platform's.
     */
    static Map<String, Offer> bestAssignment(List<PricedLine> priced, List<Integer> normal, List<Offer> reducing) {
        Map<String, List<Offer>> candidates = new LinkedHashMap<>();
        normal.stream().map(i -> priced.get(i).line()).sorted(Comparator.comparing(Line::productId))
                .forEach(line -> candidates.computeIfAbsent(line.productId(), p -> reducing.stream()
                        .filter(o -> covers(o, line)).toList()));
        Map<String, Offer> assignment = new HashMap<>();
        List<String> open = new ArrayList<>();
        long combinations = 1;
        for (var entry : candidates.entrySet()) {
            if (entry.getValue().size() == 1) {
                assignment.put(entry.getKey(), entry.getValue().get(0));
            } else if (entry.getValue().size() > 1) {
                open.add(entry.getKey());
                combinations = Math.min(Long.MAX_VALUE / 16, combinations * entry.getValue().size());
            }
        }
        if (open.isEmpty()) {
            return assignment;
        }
        Search search = new Search(priced, normal, reducing, candidates, open, assignment);
        if (combinations <= EXACT_COMBINATIONS) {
            search.exhaust(0);
        } else {
            search.greedyThenImprove();
        }
        return search.best;
    }

    private static final class Search {
        private final List<PricedLine> priced;
        private final List<Integer> normal;
        private final List<Offer> reducing;
        private final Map<String, List<Offer>> candidates;
        private final List<String> open;
        private final Map<String, Offer> current;
        Map<String, Offer> best;
        private Money bestTotal;

        Search(List<PricedLine> priced, List<Integer> normal, List<Offer> reducing,
               Map<String, List<Offer>> candidates, List<String> open, Map<String, Offer> fixed) {
            this.priced = priced;
            this.normal = normal;
            this.reducing = reducing;
            this.candidates = candidates;
            this.open = open;
            this.current = new HashMap<>(fixed);
        }

        void exhaust(int depth) {
            if (depth == open.size()) {
                consider();
                return;
            }
            for (Offer offer : candidates.get(open.get(depth))) {
                current.put(open.get(depth), offer);
                exhaust(depth + 1);
            }
        }

        void greedyThenImprove() {
            for (String product : open) {
                current.put(product, candidates.get(product).get(0));
            }
            consider();
            boolean better = true;
            while (better) {
                better = false;
                for (String product : open) {
                    for (Offer offer : candidates.get(product)) {
                        Offer before = current.put(product, offer);
                        if (total().compareTo(bestTotal) > 0) {
                            consider();
                            better = true;
                        } else {
                            current.put(product, before);
                        }
                    }
                }
            }
            current.clear();
            current.putAll(best);
        }

        private void consider() {
            Money total = total();
            if (bestTotal == null || total.compareTo(bestTotal) > 0) {
                bestTotal = total;
                best = new HashMap<>(current);
            }
        }

        private Money total() {
            Money total = Money.ZERO;
            for (Offer offer : reducing) {
                total = total.plus(discount(offer.rules(), normal.stream().map(priced::get)
                        .filter(p -> current.get(p.line().productId()) == offer).toList()));
            }
            return total;
        }
    }
}
