package io.ordersvc.command.order;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderEvent.LatePaymentReceived;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.PaymentRefused;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The order's money coming in, an entity of the Order aggregate: the amount due, the payment taken, and payments
 * that came after the window closed, kept on record to be paid back. {@link Order} decides whether paying is allowed.
 */
class OrderPayment {

    private String orderId;
    private Money payAmount;
    private PayAck.Payment payment;
    private final Set<String> latePayments = new HashSet<>();

    /** The gateway reported this transaction before: nothing new. */
    boolean alreadyTaken(PayOrder cmd) {
        return payment != null && cmd.transactionNo().equals(payment.transactionNo());
    }

    void take(PayOrder cmd, Instant now) {
        if (cmd.amount().compareTo(payAmount) != 0) {
            throw Refusal.unprocessable("AMOUNT_MISMATCH", "amount " + cmd.amount() + " differs from pay_amount "
                    + payAmount);
        }
        apply(new OrderPaid(orderId, cmd.amount(), cmd.channel().value(), cmd.transactionNo(), now));
    }

    /** Money for an order whose payment window closed: recorded once per transaction, to be paid back. */
    void late(PayOrder cmd, Instant now) {
        if (!latePayments.contains(cmd.transactionNo())) {
            apply(new LatePaymentReceived(orderId, cmd.amount(), cmd.channel().value(), cmd.transactionNo(), now));
        }
    }

    /** Money a channel took that cannot pay the order: recorded once per transaction, to be paid back. */
    void refused(PayOrder cmd, String reason, Instant now) {
        if (!latePayments.contains(cmd.transactionNo())) {
            apply(new PaymentRefused(orderId, cmd.amount(), cmd.channel().value(), cmd.transactionNo(), reason, now));
        }
    }

    /** Recorded before as late or refused: nothing new. */
    boolean alreadyKept(PayOrder cmd) {
        return latePayments.contains(cmd.transactionNo());
    }

    Money payAmount() {
        return payAmount;
    }

    PayAck.Payment payment() {
        return payment;
    }

    @EventSourcingHandler
    void on(OrderPlaced e) {
        orderId = e.orderId();
        payAmount = e.payAmount();
    }

    /** A price adjustment or a new receiver: the order costs what the event says from now on. */
    @EventSourcingHandler
    void on(io.ordersvc.shared.order.OrderEvent.Repriced e) {
        payAmount = e.price().payAmount();
    }

    @EventSourcingHandler
    void on(OrderPaid e) {
        payment = new PayAck.Payment(e.transactionNo(), e.amount(), e.channel(), e.paidAt());
    }

    @EventSourcingHandler
    void on(LatePaymentReceived e) {
        latePayments.add(e.transactionNo());
    }

    @EventSourcingHandler
    void on(PaymentRefused e) {
        latePayments.add(e.transactionNo());
    }
}
