package io.ordersvc.command.order;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.order.OrderStatus;

/** What a command on an order answers: the status it left and the version a client may read its write at. */
@FeatureApi // checkout's receiver change answers with it too
public record OrderAck(String orderId, OrderStatus status, long version) {
}
