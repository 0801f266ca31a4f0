package io.ordersvc.command.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderStatus;

import java.time.Instant;

/**
 * What recording a payment answers: the order's status and version now, and the payment on record for this
 * transaction. The same transaction reported again answers the same payment, with the order as it is by then.
 */
public record PayAck(String orderId, OrderStatus status, long version, @JsonInclude(JsonInclude.Include.NON_NULL) Payment payment) {

    public record Payment(String transactionNo, Money amount, String channel, Instant paidAt) {
    }
}
