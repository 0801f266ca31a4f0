package io.ordersvc.command.promotion;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.promotion.PromotionCommand.CreatePromotion;
import io.ordersvc.shared.promotion.PromotionCommand.EndPromotion;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionCreated;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionEnded;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.Promotions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A promotion (满减, 满折, 加价购, 满赠) of one shop, or of the platform. Its terms never change once created: a
 * seller who wants other terms ends it and creates another, so every order names terms that stayed what they were.
 */
@Aggregate
public class Promotion {

    @AggregateIdentifier
    private String promotionId;
    private String shopId;
    private Instant endsAt;

    protected Promotion() {
    }

    public record PromotionAck(String promotionId, long version) {
    }

    /**
     * @param problems what the caller found wrong with the products and gifts it names (they must be the shop's);
     *                 looked up by {@link PromotionDesk}
     */
    public Promotion(CreatePromotion cmd, List<String> problems, Instant now) {
        Actor actor = cmd.actor();
        if (cmd.shopId() == null ? !actor.is(Role.ADMIN) : !(actor.is(Role.ADMIN) || actor.isSellerOf(cmd.shopId()))) {
            throw Refusal.forbidden(cmd.shopId() == null ? "only admins run platform-wide promotions"
                    : "only the shop's seller or an admin may run its promotions");
        }
        PromotionRules rules = cmd.rules();
        var all = new java.util.ArrayList<>(Promotions.problems(rules));
        all.addAll(problems);
        if (!all.isEmpty()) {
            throw Refusal.unprocessable("INVALID_PROMOTION", String.join("; ", all));
        }
        if (!rules.endsAt().isAfter(now)) {
            throw Refusal.unprocessable("INVALID_PROMOTION", "ends_at: in the future");
        }
        apply(new PromotionCreated(cmd.promotionId(), cmd.shopId(), rules, now));
    }

    @CommandHandler
    public PromotionAck handle(EndPromotion cmd, Clock clock) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || (shopId != null && actor.isSellerOf(shopId)))) {
            throw Refusal.promotionNotFound(promotionId);
        }
        Instant now = clock.instant();
        if (!now.isBefore(endsAt)) {
            throw Refusal.conflict("PROMOTION_ENDED", "the promotion ended at " + endsAt);
        }
        apply(new PromotionEnded(promotionId, shopId, now));
        return new PromotionAck(promotionId, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(PromotionCreated e) {
        promotionId = e.promotionId();
        shopId = e.shopId();
        endsAt = e.rules().endsAt();
    }

    @EventSourcingHandler
    void on(PromotionEnded e) {
        endsAt = e.endedAt();
    }
}
