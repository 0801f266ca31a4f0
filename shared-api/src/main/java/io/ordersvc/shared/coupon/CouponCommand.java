package io.ordersvc.shared.coupon;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Coupon templates and the coupons they issue (API.md "The buyer's assets"). */
public sealed interface CouponCommand extends ActorAware {

    /** POST /coupon-templates (seller: own shop; admin: platform, shopId null). */
    record CreateCouponTemplate(String templateId, String shopId, String name, CouponTerms terms, int perBuyerLimit,
                                int total, CouponValidity validity, Actor actor) implements CouponCommand {
    }

    /** POST /coupon-templates/{id}/codes: count one-use exchange codes (the template's owner). */
    record GenerateCouponCodes(@TargetAggregateIdentifier String templateId, int count, Actor actor)
            implements CouponCommand {
    }

    /** POST /coupon-templates/{id}/grant (admin): one coupon to each buyer, within the total and their limits. */
    record GrantCoupons(String templateId, List<String> buyerIds, Actor actor) implements CouponCommand {
    }

    /** POST /coupon-templates/{id}/claim (buyer). */
    record ClaimCoupon(String templateId, Actor actor) implements CouponCommand {
    }

    /** POST /coupons/exchange (buyer): an exchange code becomes the buyer's coupon. */
    record ExchangeCoupon(String code, Actor actor) implements CouponCommand {
    }
}
