package io.ordersvc.command.payment;

import io.ordersvc.command.order.Order;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.command.support.LockOrder.Rank;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.payment.PaymentCommand;
import io.ordersvc.shared.payment.PaymentCommand.ReceivePayment;
import io.ordersvc.shared.payment.PaymentCommand.RequestPayment;
import io.ordersvc.shared.payment.PaymentEvent.PaymentReceived;
import io.ordersvc.shared.payment.PaymentEvent.PaymentRequested;
import io.ordersvc.shared.payment.PaymentEvent.ReturnedShare;
import io.ordersvc.shared.payment.PaymentEvent.OrderShare;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests and trades of a pay number, with its orders in the same unit of work (payment, then orders by id): a
 * request asks for exactly what each order owes at that moment; a trade pays each order its share or, when the order
 * cannot take it any more, keeps the money on record to be paid back. A trade reported twice changes nothing.
 */
@Component
public class PaymentDesk {

    private final Repository<Payment> payments;
    private final Repository<Order> orders;

    public PaymentDesk(Repository<Payment> payments, Repository<Order> orders) {
        this.payments = payments;
        this.orders = orders;
    }

    /**
     * What a channel is asked to collect.
     *
     * @param payableUntil when the first of its orders closes: the channel's time_expire
     * @param orderNos     the orders' numbers, for the channel's subject line
     */
    public record PaymentDue(String payNo, String outTradeNo, io.ordersvc.shared.order.PaymentChannel channel,
                             Money amount, List<OrderShare> shares, Instant payableUntil, List<String> orderNos) {
    }

    /** A trade as recorded: what it paid and what is to be paid back. */
    public record PaymentReceipt(String payNo, String outTradeNo, String tradeNo, Money amount, List<OrderShare> paid,
                                 List<ReturnedShare> returned) {
    }

    @CommandHandler
    public PaymentDue handle(RequestPayment cmd, Clock clock) {
        Aggregate<Payment> payment = payment(cmd.payNo());
        payment.execute(p -> p.requireVisible(cmd.actor()));
        return due(payment, cmd, clock.instant());
    }

    private PaymentDue due(Aggregate<Payment> payment, RequestPayment cmd, Instant now) {
        List<String> ids = payment.invoke(Payment::orderIds);
        if (cmd.orderId() != null && !ids.contains(cmd.orderId())) {
            throw Refusal.unprocessable("ORDER_NOT_IN_PAYMENT", "order " + cmd.orderId() + " is not paid under "
                    + cmd.payNo());
        }
        List<OrderShare> shares = new ArrayList<>();
        List<String> orderNos = new ArrayList<>();
        Instant until = null;
        for (String id : ids.stream().sorted().toList()) {
            if (cmd.orderId() != null && !cmd.orderId().equals(id)) {
                continue;
            }
            Aggregate<Order> order = order(id);
            Optional<Money> owed = order.invoke(o -> o.owed(now));
            if (owed.isPresent()) {
                shares.add(new OrderShare(id, owed.get()));
                orderNos.add(order.invoke(Order::orderNo));
                Instant closes = order.invoke(Order::payableUntil);
                until = until == null || closes.isBefore(until) ? closes : until;
            }
        }
        if (shares.isEmpty()) {
            throw Refusal.conflict("NOTHING_TO_PAY", cmd.orderId() != null ? "order " + cmd.orderId()
                    + " may not be paid now" : "no order of " + cmd.payNo() + " may be paid now");
        }
        PaymentRequested request = payment.invoke(p -> p.request(cmd.channel(), shares, now));
        return new PaymentDue(cmd.payNo(), request.outTradeNo(), request.channel(), request.amount(),
                request.shares(), until, orderNos);
    }

    @CommandHandler
    public PaymentReceipt handle(ReceivePayment cmd, Clock clock, io.ordersvc.command.order.TicketCodes codes) {
        Instant now = clock.instant();
        Aggregate<Payment> payment = payment(cmd.payNo());
        PaymentReceived before = payment.invoke(p -> p.trade(cmd.tradeNo()));
        if (before != null) { // reported again: the trade as it was recorded, nothing new
            return receipt(before);
        }
        PaymentRequested request = payment.invoke(p -> p.requested(cmd.outTradeNo(), cmd.channel()));
        if (request == null) { // the simulator paying a pay number it was never asked for: what is owed now
            String outTradeNo = due(payment, new RequestPayment(cmd.payNo(), cmd.channel(), null, cmd.actor()), now)
                    .outTradeNo();
            request = payment.invoke(p -> p.requested(outTradeNo, cmd.channel()));
        }
        if (request.amount().compareTo(cmd.amount()) != 0) {
            throw Refusal.unprocessable("AMOUNT_MISMATCH", "the trade is " + cmd.amount() + " but "
                    + request.outTradeNo() + " asked for " + request.amount());
        }
        List<OrderShare> paid = new ArrayList<>();
        List<ReturnedShare> returned = new ArrayList<>();
        for (OrderShare share : request.shares().stream().sorted(java.util.Comparator.comparing(OrderShare::orderId))
                .toList()) {
            String refusal = order(share.orderId())
                    .invoke(o -> o.settle(cmd.channel(), cmd.tradeNo(), share.amount(), now, codes));
            if (refusal == null) {
                paid.add(share);
            } else {
                returned.add(new ReturnedShare(share.orderId(), share.amount(), refusal));
            }
        }
        PaymentRequested named = request;
        payment.execute(p -> p.received(named, cmd.tradeNo(), paid, returned, cmd.paidAt(), now));
        return new PaymentReceipt(cmd.payNo(), named.outTradeNo(), cmd.tradeNo(), named.amount(), paid, returned);
    }

    @CommandHandler
    public void handle(io.ordersvc.shared.payment.PaymentCommand.SettlePayback cmd, Clock clock) {
        io.ordersvc.command.support.Guards.requireRole(cmd.actor(), io.ordersvc.shared.identity.Role.SYSTEM);
        payment(cmd.payNo()).execute(p -> p.payback(cmd, clock.instant()));
    }

    private static PaymentReceipt receipt(PaymentReceived r) {
        return new PaymentReceipt(r.payNo(), r.outTradeNo(), r.tradeNo(), r.amount(), r.paid(), r.returned());
    }

    private Aggregate<Payment> payment(String payNo) {
        return LockOrder.load(payments, Rank.PAYMENT, PaymentCommand.paymentId(payNo), id -> Payment.notFound(payNo));
    }

    private Aggregate<Order> order(String orderId) {
        return LockOrder.load(orders, Rank.ORDER, orderId, Refusal::orderNotFound);
    }
}
