package io.ordersvc.shared.promotion;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a promotion offers and to whom (API.md "Promotions and member levels").
 *
 * @param productIds   the products it covers; empty: every product of its shop (of every shop when platform-wide)
 * @param repeat       full reduction only, one tier: the reduction for every threshold reached (每满), up to
 *                     {@code maxReduction}
 * @param memberLevels the member levels it is for; empty: every buyer
 */
public record PromotionRules(String name, PromotionType type, Instant startsAt, Instant endsAt,
                             List<String> productIds, List<Tier> tiers, boolean repeat, Money maxReduction,
                             List<Gift> gifts, List<Integer> memberLevels) {

    public PromotionRules {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        gifts = gifts == null ? List.of() : List.copyOf(gifts);
        memberLevels = memberLevels == null ? List.of() : List.copyOf(memberLevels);
    }

    /**
     * One step: a threshold in money or in units, and what reaching it gives (a reduction, or a discount rate such as
     * 0.80 for 8折; gift promotions give the gifts and name neither).
     */
    public record Tier(Money thresholdAmount, Integer thresholdCount, Money reduction, BigDecimal discountRate) {
    }

    /** A SKU the buyer may take (free gift: price 0.00), at most {@code maxSelect} units. */
    public record Gift(String skuId, Money price, int maxSelect) {
    }

    public boolean covers(String productId) {
        return productIds.isEmpty() || productIds.contains(productId);
    }

    public boolean isFor(Integer memberLevel) {
        return memberLevels.isEmpty() || (memberLevel != null && memberLevels.contains(memberLevel));
    }

    public boolean runsAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
