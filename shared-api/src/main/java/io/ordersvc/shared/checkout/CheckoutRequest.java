package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.Invoice;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;

import java.util.List;

/**
 * What a buyer checks out (API.md "Checkout"): the same body previews and submits. The buyer's assets (coupon,
 * points, balance, gift card) are asked for here; until the buyer holds any, asking for one is an error naming it.
 */
public record CheckoutRequest(Source source, List<String> cartItemIds, OrderType orderType, List<Item> items,
                              Receiver receiver, List<GiftChoice> giftChoices, String couponId, String exchangeCode,
                              long usePoints, Money useBalance, GiftCardChoice giftCard, Invoice invoice,
                              String buyerRemark, Money expectedPayAmount) {

    /** Where the goods come from: the items sent, or the buyer's cart (the items named, or the selected ones). */
    public enum Source {
        BUY_NOW, CART;

        @com.fasterxml.jackson.annotation.JsonValue
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A buy-now checkout of these items. */
    public CheckoutRequest(OrderType orderType, List<Item> items, Receiver receiver, List<GiftChoice> giftChoices,
                           String couponId, String exchangeCode, long usePoints, Money useBalance,
                           GiftCardChoice giftCard, Invoice invoice, String buyerRemark, Money expectedPayAmount) {
        this(Source.BUY_NOW, null, orderType, items, receiver, giftChoices, couponId, exchangeCode, usePoints,
                useBalance, giftCard, invoice, buyerRemark, expectedPayAmount);
    }

    public CheckoutRequest {
        source = source == null ? Source.BUY_NOW : source;
        cartItemIds = cartItemIds == null ? List.of() : List.copyOf(cartItemIds);
        orderType = orderType == null ? OrderType.PHYSICAL : orderType;
        items = items == null ? List.of() : List.copyOf(items);
        giftChoices = giftChoices == null ? List.of() : List.copyOf(giftChoices);
        useBalance = useBalance == null ? Money.ZERO : useBalance;
        invoice = invoice == null ? new Invoice(Invoice.Type.NONE, null, null) : invoice;
    }

    /** The same request with the goods a cart's items resolved to. */
    public CheckoutRequest withItems(List<Item> resolved) {
        return new CheckoutRequest(source, cartItemIds, orderType, resolved, receiver, giftChoices, couponId,
                exchangeCode, usePoints, useBalance, giftCard, invoice, buyerRemark, expectedPayAmount);
    }

    /** The same request paying with a coupon the buyer holds (an exchange code, once exchanged). */
    public CheckoutRequest withCoupon(String heldCouponId) {
        return new CheckoutRequest(source, cartItemIds, orderType, items, receiver, giftChoices, heldCouponId, null,
                usePoints, useBalance, giftCard, invoice, buyerRemark, expectedPayAmount);
    }

    public record Item(String skuId, int quantity) {
    }

    /** A gift or add-on SKU the buyer takes under a promotion that offers it. */
    public record GiftChoice(String promotionId, String skuId, int quantity) {
    }

    public record GiftCardChoice(String number, Money amount) {
    }
}
