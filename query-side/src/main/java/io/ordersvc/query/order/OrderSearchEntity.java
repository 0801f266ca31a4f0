package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * order_search (V32): a hot order's lower-cased product names and tracking numbers, one per line, what product and
 * tracking-number keyword searches match a substring of (trigram GIN on PostgreSQL). A table of their own, written at
 * placement and at each shipment: order_view's rows change with every status, and each of those updates would
 * otherwise insert the texts into both trigram indexes again. The archive deletes an order's row with its order_view
 * row.
 */
@Entity
@Table(name = "order_search")
class OrderSearchEntity {
    @Id
    String orderId;
    String goodsNames;
    String trackingNos;

    static OrderSearchEntity of(String orderId, String goodsNames) {
        var s = new OrderSearchEntity();
        s.orderId = orderId;
        s.goodsNames = goodsNames;
        s.trackingNos = "";
        return s;
    }
}
