package io.ordersvc.query.order;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Scope;
import org.springframework.stereotype.Component;

/** Who may see an order: its buyer, its shop's seller, admins and internal systems. Everyone else: 404. */
@Component
class OrderAccess {

    private final OrderViewRepository orders;

    OrderAccess(OrderViewRepository orders) {
        this.orders = orders;
    }

    OrderViewEntity requireVisible(String orderId, Actor actor) {
        return orders.lookup(orderId)
                .filter(o -> Scope.of(actor).includes(o.buyerId, o.shopId))
                .orElseThrow(() -> Refusal.orderNotFound(orderId));
    }
}
