package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * order_search (V34): a hot order's lower-cased product names, one per line, what product keyword searches match a
 * substring of (trigram GIN on PostgreSQL), with the order's shop and buyer for a scoped search. A table of its own,
 * written once, at placement: order_view's rows change with every status, and each of those updates would otherwise
 * insert the names into the trigram index again. Tracking numbers are searched in the shipments' rows (V37), written
 * once each: kept here, each shipment rewrote the row and its names' trigrams (bench/README.md, session 47). The
 * archive deletes an order's row with its order_view row.
 */
@Entity
@Table(name = "order_search")
class OrderSearchEntity {
    @Id
    String orderId;
    String shopId;
    String buyerId;
    String goodsNames;

    static OrderSearchEntity of(OrderViewEntity o, String goodsNames) {
        var s = new OrderSearchEntity();
        s.orderId = o.orderId;
        s.shopId = o.shopId;
        s.buyerId = o.buyerId;
        s.goodsNames = goodsNames;
        return s;
    }
}
