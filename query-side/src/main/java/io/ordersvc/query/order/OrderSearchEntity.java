package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * order_search (V34): a hot order's lower-cased product names and tracking numbers, one per line, what product and
 * tracking-number keyword searches match a substring of (trigram GIN on PostgreSQL), with the order's shop and buyer
 * for a scoped search. A table of their own, written at placement and at each shipment: order_view's rows change
 * with every status, and each of those updates would otherwise insert the texts into both trigram indexes again.
 * The archive deletes an order's row with its order_view row.
 */
@Entity
@Table(name = "order_search")
class OrderSearchEntity {
    @Id
    String orderId;
    String shopId;
    String buyerId;
    String goodsNames;
    String trackingNos;

    static OrderSearchEntity of(OrderViewEntity o, String goodsNames) {
        var s = new OrderSearchEntity();
        s.orderId = o.orderId;
        s.shopId = o.shopId;
        s.buyerId = o.buyerId;
        s.goodsNames = goodsNames;
        s.trackingNos = "";
        return s;
    }
}
