package io.ordersvc.query.order;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
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
                .filter(o -> visible(o.buyerId, o.shopId, actor))
                .orElseThrow(() -> Refusal.orderNotFound(orderId));
    }

    static boolean visible(String buyerId, String shopId, Actor actor) {
        return switch (actor.role()) {
            case BUYER -> actor.id().equals(buyerId);
            case SELLER -> shopId.equals(actor.shopId());
            case ADMIN, SYSTEM -> true;
        };
    }
}
