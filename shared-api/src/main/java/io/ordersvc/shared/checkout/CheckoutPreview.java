package io.ordersvc.shared.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersvc.shared.money.Money;

import java.util.List;
import java.util.Map;

/**
 * What a checkout would cost, shop by shop, and what stands in its way (seed 003 confirm.order.list with is_submit 0).
 * The same numbers a submit of the same body places, unless something changed in between.
 */
public record CheckoutPreview(List<Shop> shops, PriceBreakdown price, List<CouponOption> coupons, Points points,
                              Balance balance, @JsonInclude(JsonInclude.Include.NON_NULL) GiftCard giftCard,
                              List<CheckoutError> errors) {

    public record Shop(String shopId, List<Line> lines, List<Pricing.Applied> promotionsApplied,
                       List<Pricing.Progress> promotions, Money shippingFee, String freeShippingReason,
                       PriceBreakdown price) {
    }

    /** valid false: the line cannot be bought now, problem says why; it counts in no amount. */
    public record Line(String skuId, String productId, String name, String imageUrl, Map<String, String> properties,
                       int quantity, Money unitPrice, Money memberPrice, Money lineAmount, Money discountShare,
                       Money paidAmount, LineType lineType, String promotionId, boolean valid, String problem) {
    }

    /**
     * A coupon the buyer holds (or an exchange code would give: coupon_id null), what it takes off these goods, and
     * why it cannot be used when it cannot; selected: the one this checkout applies.
     */
    public record CouponOption(String couponId, String name, Money amount, boolean usable, String unusableReason,
                               java.time.Instant useUntil, boolean selected) {
    }

    /** yuanPer100: what 100 points pay. */
    /** usable: the most this checkout may spend; yuan_per_100: what 100 points pay. */
    public record Points(long available, long usable,
                         @com.fasterxml.jackson.annotation.JsonProperty("yuan_per_100") Money yuanPer100) {
    }

    public record Balance(Money available) {
    }

    public record GiftCard(String number, Money available) {
    }

    /** A reason the checkout cannot be submitted as it is: the code a submit would be refused with. */
    public record CheckoutError(String code, String message, String skuId) {
    }
}
