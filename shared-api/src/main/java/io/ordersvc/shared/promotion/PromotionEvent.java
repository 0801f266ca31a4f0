package io.ordersvc.shared.promotion;

import java.time.Instant;

public sealed interface PromotionEvent {

    String promotionId();

    /** shopId null: platform-wide. */
    record PromotionCreated(String promotionId, String shopId, PromotionRules rules, Instant createdAt)
            implements PromotionEvent {
    }

    record PromotionEnded(String promotionId, String shopId, Instant endedAt) implements PromotionEvent {
    }
}
