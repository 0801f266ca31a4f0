package io.ordersvc.shared.order;

import io.ordersvc.shared.identity.Actor;

/** The order read model's questions. Each answers with its own record from {@link OrderViews}. */
public sealed interface OrderQuery {

    Actor actor();

    record FindOrder(String orderId, Actor actor) implements OrderQuery {
    }

    record ListOrders(OrderFilter filter, int page, int size, Actor actor) implements OrderQuery {
    }

    record CountOrdersByStatus(OrderFilter filter, Actor actor) implements OrderQuery {
    }

    record OrderLog(String orderId, Actor actor) implements OrderQuery {
    }

    record ShipmentTracking(String orderId, String shipmentId, Actor actor) implements OrderQuery {
    }

    record OrderHistory(String orderId, Actor actor) implements OrderQuery {
    }
}
