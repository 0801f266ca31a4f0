package io.ordersvc.shared.payment;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;

import java.time.Instant;
import java.util.List;

/**
 * What happens to the money of one pay number (a checkout's orders, seed 001 pay_sn): it is opened with the orders,
 * each request to a channel fixes an out_trade_no with what each order owed then, and each trade the channel reports
 * is recorded once, with what it paid and what it could not pay (money to give back).
 */
public sealed interface PaymentEvent {

    String payNo();

    /** The checkout's orders that have money to collect. */
    record PaymentOpened(String payNo, String buyerId, List<String> orderIds, Instant openedAt)
            implements PaymentEvent {
    }

    /** A request to a channel: the amount it asks for is the sum of the shares, each what its order owed then. */
    record PaymentRequested(String payNo, String outTradeNo, PaymentChannel channel, Money amount,
                            List<OrderShare> shares, Instant requestedAt) implements PaymentEvent {
    }

    /**
     * A trade the channel reported: the shares that paid their orders, and those that did not (the order was
     * cancelled, paid otherwise, or costs another amount now), which are money to pay back.
     */
    record PaymentReceived(String payNo, String outTradeNo, PaymentChannel channel, String tradeNo, Money amount,
                           List<OrderShare> paid, List<ReturnedShare> returned, Instant paidAt, Instant receivedAt)
            implements PaymentEvent {
    }

    /** Money kept to be paid back (a returned share) went back through the channel. */
    record PaybackSucceeded(String payNo, String payoutId, String orderId, Money amount, String channelRefundNo,
                            Instant at) implements PaymentEvent {
    }

    /** The channel refused to pay a returned share back, for good, or every attempt failed. */
    record PaybackFailed(String payNo, String payoutId, String orderId, String reason, int attempts, Instant at)
            implements PaymentEvent {
    }

    record OrderShare(String orderId, Money amount) {
    }

    /** @param reason the order's refusal: ORDER_NOT_PAYABLE, ORDER_ALREADY_PAID, PAYMENT_WINDOW_CLOSED, AMOUNT_MISMATCH */
    record ReturnedShare(String orderId, Money amount, String reason) {
    }
}
