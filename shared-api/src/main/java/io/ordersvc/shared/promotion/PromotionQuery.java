package io.ordersvc.shared.promotion;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** One promotion; promotions are public (buyers see what a shop runs), as the catalog is. */
public record PromotionQuery(String promotionId, Actor actor) {

    /**
     * Promotions, newest first. shopId: one shop's and the platform's; active: running now (true) or not (false);
     * platform: only platform-wide ones.
     */
    public record ListPromotions(String shopId, Boolean active, boolean platform, int page, int size, Actor actor) {
    }

    public record PromotionView(String promotionId, String shopId, String name, PromotionType type,
                                PromotionStatus status, Instant startsAt, Instant endsAt, Instant endedAt,
                                List<String> productIds, List<PromotionRules.Tier> tiers, boolean repeat,
                                Money maxReduction, List<PromotionRules.Gift> gifts, List<Integer> memberLevels,
                                Instant createdAt, long version) {
    }

    /** The promotions running at an instant in these shops, and the platform's, with their terms. */
    public record RunningQuery(List<String> shopIds, Instant at) {
    }

    /** shopId null: platform-wide. */
    public record Running(String promotionId, String shopId, PromotionRules rules) {
    }

    public record RunningList(List<Running> promotions) {
    }

    public record PromotionPage(List<PromotionView> items, int page, int size, long total, int totalPages) {

        public static PromotionPage of(List<PromotionView> items, int page, int size, long total) {
            return new PromotionPage(items, page, size, total, (int) ((total + size - 1) / size));
        }
    }
}
