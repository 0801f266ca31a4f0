package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderStatus;

import java.time.Instant;
import java.util.List;

/** A submitted checkout: one order per shop, all sharing payNo (001 pay_sn); payAmount is what they cost together. */
public record CheckoutPlaced(String payNo, Money payAmount, List<PlacedOrder> orders) {

    /** An order as POST /orders answers it, with its price; group: the group it took a seat in (null: none). */
    public record PlacedOrder(String orderId, String orderNo, String shopId, OrderStatus status, Money goodsAmount,
                              Money shippingFee, Money discountAmount, Money payAmount, long pointsAmount,
                              long pointsEarned, Instant payableUntil, Instant createdAt, PriceBreakdown price,
                              String payNo, long version,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              io.ordersvc.shared.groupbuy.GroupRef group) {
    }
}
