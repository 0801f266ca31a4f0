package io.ordersvc.command.promotion;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.promotion.PromotionRules;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The promotions running at an instant for some shops (and the platform's): what checkout prices with. */
@FeatureApi
@FunctionalInterface
public interface RunningPromotions {

    /** shopId null: platform-wide. */
    record Running(String promotionId, String shopId, PromotionRules rules) {
    }

    List<Running> running(Collection<String> shopIds, Instant at);
}
