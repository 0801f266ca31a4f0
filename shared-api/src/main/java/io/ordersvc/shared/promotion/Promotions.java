package io.ordersvc.shared.promotion;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionRules.Gift;
import io.ordersvc.shared.promotion.PromotionRules.Tier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The rules a promotion's terms obey; pure, used by the aggregate's guard. */
public final class Promotions {

    private Promotions() {
    }

    /** The problems of a promotion's terms, each naming its field; empty when they are sound. */
    public static List<String> problems(PromotionRules rules) {
        List<String> problems = new ArrayList<>();
        if (!rules.startsAt().isBefore(rules.endsAt())) {
            problems.add("ends_at: after starts_at");
        }
        if (rules.tiers().isEmpty()) {
            problems.add("tiers: at least one");
        }
        boolean byAmount = !rules.tiers().isEmpty() && rules.tiers().get(0).thresholdAmount() != null;
        BigDecimal previous = null;
        for (int i = 0; i < rules.tiers().size(); i++) {
            Tier tier = rules.tiers().get(i);
            String field = "tiers[" + i + "]";
            if ((tier.thresholdAmount() == null) == (tier.thresholdCount() == null)) {
                problems.add(field + ": threshold_amount or threshold_count, one of them");
                continue;
            }
            if ((tier.thresholdAmount() != null) != byAmount) {
                problems.add(field + ": every tier counts the same (amount or count)");
                continue;
            }
            BigDecimal threshold = byAmount ? tier.thresholdAmount().amount() : BigDecimal.valueOf(tier.thresholdCount());
            if (threshold.signum() <= 0) {
                problems.add(field + ": the threshold is above 0");
            }
            if (previous != null && threshold.compareTo(previous) <= 0) {
                problems.add(field + ": thresholds rise from tier to tier");
            }
            previous = threshold;
            tier(rules.type(), tier, field, problems);
        }
        if (rules.repeat() && (rules.type() != PromotionType.FULL_REDUCTION || rules.tiers().size() != 1)) {
            problems.add("repeat: only a full reduction with one tier repeats");
        }
        if (rules.maxReduction() != null && (!rules.maxReduction().isPositive()
                || rules.type() != PromotionType.FULL_REDUCTION)) {
            problems.add("max_reduction: above 0, for a full reduction");
        }
        boolean gifts = rules.type() == PromotionType.ADD_ON_PURCHASE || rules.type() == PromotionType.FREE_GIFT;
        if (gifts && rules.gifts().isEmpty()) {
            problems.add("gifts: at least one");
        }
        if (!gifts && !rules.gifts().isEmpty()) {
            problems.add("gifts: only add-on purchases and free gifts have gifts");
        }
        var skus = new HashSet<String>();
        for (int i = 0; i < rules.gifts().size(); i++) {
            Gift gift = rules.gifts().get(i);
            String field = "gifts[" + i + "]";
            if (!skus.add(gift.skuId())) {
                problems.add(field + ".sku_id: appears twice");
            }
            if (gift.maxSelect() < 1) {
                problems.add(field + ".max_select: at least 1");
            }
            if (rules.type() == PromotionType.FREE_GIFT && gift.price().compareTo(Money.ZERO) != 0) {
                problems.add(field + ".price: a free gift costs 0.00");
            }
            if (rules.type() == PromotionType.ADD_ON_PURCHASE && !gift.price().isPositive()) {
                problems.add(field + ".price: an add-on purchase costs above 0.00");
            }
        }
        return problems;
    }

    private static void tier(PromotionType type, Tier tier, String field, List<String> problems) {
        switch (type) {
            case FULL_REDUCTION -> {
                if (tier.reduction() == null || !tier.reduction().isPositive() || tier.discountRate() != null) {
                    problems.add(field + ".reduction: above 0 (and no discount_rate)");
                } else if (tier.thresholdAmount() != null && tier.reduction().compareTo(tier.thresholdAmount()) > 0) {
                    problems.add(field + ".reduction: at most the threshold");
                }
            }
            case FULL_DISCOUNT -> {
                BigDecimal rate = tier.discountRate();
                if (rate == null || tier.reduction() != null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0
                        || rate.stripTrailingZeros().scale() > 2) {
                    problems.add(field + ".discount_rate: from 0.00 (free) to 0.99, two decimals (0.80 is 8折)");
                }
            }
            default -> {
                if (tier.reduction() != null || tier.discountRate() != null) {
                    problems.add(field + ": a gift tier has a threshold only");
                }
            }
        }
    }
}
