package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionRules.Tier;
import io.ordersvc.shared.promotion.PromotionType;

import java.math.BigDecimal;

/** How Chinese carts word a promotion's progress: "再买¥31.00减¥50.00", "再买1件打8折", "已减¥50.00". */
final class ProgressText {

    private ProgressText() {
    }

    /** @param applied false for a reduction the goods reach but a better promotion took them */
    static String of(PromotionRules rules, Money amount, long count, boolean applied) {
        Tier next = null;
        Tier reached = null;
        for (Tier tier : rules.tiers()) {
            if (Pricing.reaches(tier, amount, count)) {
                reached = tier;
            } else if (next == null) {
                next = tier;
            }
        }
        if (rules.type() == PromotionType.FULL_REDUCTION && rules.repeat()) {
            Tier tier = rules.tiers().get(0);
            String every = tier.thresholdAmount() != null ? "每满¥" + tier.thresholdAmount()
                    : "每满" + tier.thresholdCount() + "件";
            return every + "减¥" + tier.reduction()
                    + (rules.maxReduction() == null ? "" : "，最多减¥" + rules.maxReduction());
        }
        if (next != null) {
            String missing = next.thresholdAmount() != null ? "再买¥" + next.thresholdAmount().minus(amount)
                    : "再买" + (next.thresholdCount() - count) + "件";
            return missing + gives(rules.type(), next);
        }
        if (!applied && rules.type().reduces()) {
            return "已选更优惠的活动";
        }
        return "已" + gives(rules.type(), reached).replace("可", "");
    }

    private static String gives(PromotionType type, Tier tier) {
        return switch (type) {
            case FULL_REDUCTION -> "减¥" + tier.reduction();
            case FULL_DISCOUNT -> "打" + fold(tier.discountRate()) + "折";
            case ADD_ON_PURCHASE -> "可加价购";
            case FREE_GIFT -> "可领赠品";
        };
    }

    /** 0.8 → "8", 0.85 → "8.5", 0 → "0". */
    private static String fold(BigDecimal rate) {
        return rate.movePointRight(1).stripTrailingZeros().toPlainString();
    }
}
