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
public record CheckoutRequest(OrderType orderType, List<Item> items, Receiver receiver, List<GiftChoice> giftChoices,
                              String couponId, String exchangeCode, long usePoints, Money useBalance,
                              GiftCardChoice giftCard, Invoice invoice, String buyerRemark,
                              Money expectedPayAmount) {

    public CheckoutRequest {
        orderType = orderType == null ? OrderType.PHYSICAL : orderType;
        items = items == null ? List.of() : List.copyOf(items);
        giftChoices = giftChoices == null ? List.of() : List.copyOf(giftChoices);
        useBalance = useBalance == null ? Money.ZERO : useBalance;
        invoice = invoice == null ? new Invoice(Invoice.Type.NONE, null, null) : invoice;
    }

    public record Item(String skuId, int quantity) {
    }

    /** A gift or add-on SKU the buyer takes under a promotion that offers it. */
    public record GiftChoice(String promotionId, String skuId, int quantity) {
    }

    public record GiftCardChoice(String number, Money amount) {
    }
}
