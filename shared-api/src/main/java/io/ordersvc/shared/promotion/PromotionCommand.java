package io.ordersvc.shared.promotion;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public sealed interface PromotionCommand extends ActorAware {

    String promotionId();

    /** shopId null: platform-wide (admins only). */
    record CreatePromotion(@TargetAggregateIdentifier String promotionId, String shopId, PromotionRules rules,
                           Actor actor) implements PromotionCommand {
    }

    /** Ends a running or scheduled promotion now; checkouts from then on no longer get it. */
    record EndPromotion(@TargetAggregateIdentifier String promotionId, Actor actor) implements PromotionCommand {
    }
}
