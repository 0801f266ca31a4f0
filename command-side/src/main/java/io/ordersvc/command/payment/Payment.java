package io.ordersvc.command.payment;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.payment.PaymentCommand;
import io.ordersvc.shared.payment.PaymentEvent.PaymentOpened;
import io.ordersvc.shared.payment.PaymentEvent.PaymentReceived;
import io.ordersvc.shared.payment.PaymentEvent.PaymentRequested;
import io.ordersvc.shared.payment.PaymentEvent.ReturnedShare;
import io.ordersvc.shared.payment.PaymentEvent.OrderShare;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The money of one pay number: which orders it pays, the requests made to channels (each an out_trade_no fixing
 * what each order owed then) and the trades the channels reported, each recorded once. {@link PaymentDesk} drives it
 * together with the orders, in one unit of work.
 */
@Aggregate
public class Payment {

    @AggregateIdentifier
    private String paymentId;
    private String payNo;
    private String buyerId;
    private List<String> orderIds;
    private final Map<String, PaymentRequested> requests = new LinkedHashMap<>();
    private final Map<String, PaymentReceived> trades = new HashMap<>();
    /** Paybacks the channel made: a payout confirmed twice is recorded once. */
    private final java.util.Set<String> paybacks = new java.util.HashSet<>();
    private final java.util.Set<String> failedPaybacks = new java.util.HashSet<>();

    protected Payment() {
    }

    Payment(PaymentOpened opened) {
        apply(opened);
    }

    /** Someone else's pay number is answered like one that does not exist. */
    void requireVisible(Actor actor) {
        if (!actor.isBuyer(buyerId) && !actor.is(Role.ADMIN)) {
            throw notFound(payNo);
        }
    }

    static Refusal notFound(String payNo) {
        return Refusal.notFound("PAYMENT_NOT_FOUND", "pay number " + payNo + " does not exist");
    }

    List<String> orderIds() {
        return orderIds;
    }

    /**
     * The request for these shares through this channel: the open one asking for exactly them again (a channel
     * refuses one out_trade_no with two amounts), or a new out_trade_no.
     */
    PaymentRequested request(PaymentChannel channel, List<OrderShare> shares, Instant now) {
        for (PaymentRequested r : requests.values()) {
            if (r.channel() == channel && r.shares().equals(shares)) {
                return r;
            }
        }
        Money amount = shares.stream().map(OrderShare::amount).reduce(Money.ZERO, Money::plus);
        apply(new PaymentRequested(payNo, payNo + "_" + (requests.size() + 1), channel, amount, List.copyOf(shares),
                now));
        return requests.get(payNo + "_" + requests.size());
    }

    /** The request a trade names; the simulator may name none: then its latest request through the channel. */
    PaymentRequested requested(String outTradeNo, PaymentChannel channel) {
        if (outTradeNo != null) {
            PaymentRequested r = requests.get(outTradeNo);
            if (r == null || r.channel() != channel) {
                throw Refusal.unprocessable("UNKNOWN_TRADE", "out_trade_no " + outTradeNo + " was not requested "
                        + "through " + channel.value());
            }
            return r;
        }
        PaymentRequested latest = null;
        for (PaymentRequested r : requests.values()) {
            latest = r.channel() == channel ? r : latest;
        }
        return latest;
    }

    /** The trade as recorded, when the channel reported it before. */
    PaymentReceived trade(String tradeNo) {
        return trades.get(tradeNo);
    }

    void received(PaymentRequested request, String tradeNo, List<OrderShare> paid, List<ReturnedShare> returned,
                  Instant paidAt, Instant now) {
        apply(new PaymentReceived(payNo, request.outTradeNo(), request.channel(), tradeNo, request.amount(),
                List.copyOf(paid), List.copyOf(returned), paidAt, now));
    }

    /** A returned share's payback, recorded once: paid, or failed for good. */
    void payback(io.ordersvc.shared.payment.PaymentCommand.SettlePayback cmd, Instant now) {
        if (paybacks.contains(cmd.payoutId()) || (!cmd.paid() && failedPaybacks.contains(cmd.payoutId()))) {
            return;
        }
        apply(cmd.paid() ? new io.ordersvc.shared.payment.PaymentEvent.PaybackSucceeded(payNo, cmd.payoutId(),
                cmd.orderId(), cmd.amount(), cmd.channelRefundNo(), now)
                : new io.ordersvc.shared.payment.PaymentEvent.PaybackFailed(payNo, cmd.payoutId(), cmd.orderId(),
                cmd.reason(), cmd.attempts(), now));
    }

    @EventSourcingHandler
    void on(io.ordersvc.shared.payment.PaymentEvent.PaybackSucceeded e) {
        paybacks.add(e.payoutId());
    }

    @EventSourcingHandler
    void on(io.ordersvc.shared.payment.PaymentEvent.PaybackFailed e) {
        failedPaybacks.add(e.payoutId());
    }

    @EventSourcingHandler
    void on(PaymentOpened e) {
        paymentId = PaymentCommand.paymentId(e.payNo());
        payNo = e.payNo();
        buyerId = e.buyerId();
        orderIds = new ArrayList<>(e.orderIds());
    }

    @EventSourcingHandler
    void on(PaymentRequested e) {
        requests.put(e.outTradeNo(), e);
    }

    @EventSourcingHandler
    void on(PaymentReceived e) {
        trades.put(e.tradeNo(), e);
    }
}
