package io.ordersvc.command.refund;

import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.command.support.LockOrder.Rank;
import io.ordersvc.command.order.Order;
import io.ordersvc.command.order.OrderAfterSales;
import io.ordersvc.command.shop.ShopProfiles;
import io.ordersvc.command.wallet.Wallets;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.command.refund.Refund.RefundAck;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.PaymentMix;
import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundCommand.ApproveRefund;
import io.ordersvc.shared.refund.RefundCommand.CancelRefund;
import io.ordersvc.shared.refund.RefundCommand.ConfirmReturn;
import io.ordersvc.shared.refund.RefundCommand.RefuseRefund;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import io.ordersvc.shared.identity.Actor;
import org.springframework.util.IdGenerator;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Keeps a Refund and its Order consistent: every step that concerns both changes both in one unit of work, so one
 * database transaction. There is no moment, and so no crash, at which money is refunded without the order knowing,
 * or an order is locked by a refund that does not exist. Stock that comes back moves in the same transaction.
 * Aggregates are loaded through {@link LockOrder}: refund, then order, then products.
 */
@Component
@io.ordersvc.platform.FeatureApi // group buying refunds a failed group's paid orders in full
public class RefundHandler {

    private final Repository<Refund> refunds;
    private final Repository<Order> orders;
    private final Stock stock;
    private final Wallets wallets;
    private final ShopProfiles shops;
    private final IdGenerator ids;

    public RefundHandler(Repository<Refund> refunds, Repository<Order> orders, Stock stock, Wallets wallets,
                         ShopProfiles shops, IdGenerator ids) {
        this.ids = ids;
        this.wallets = wallets;
        this.shops = shops;
        this.refunds = refunds;
        this.orders = orders;
        this.stock = stock;
    }

    @CommandHandler
    public RefundAck handle(ApplyRefund cmd, Clock clock) throws Exception {
        if (cmd.reason() == RefundReason.GROUP_FAILED || cmd.reason() == RefundReason.TICKET_RETURNED) {
            throw Refusal.unprocessable("INVALID_REFUND_REASON", cmd.reason().value() + " refunds are the platform's own")
                    .with("reason", cmd.reason());
        }
        Aggregate<Order> order = LockOrder.load(orders, Rank.ORDER, cmd.orderId(), Refusal::orderNotFound);
        RefundApplied applied = order.invoke(o -> o.openRefund(cmd, clock.instant()));
        return refunds.newInstance(() -> new Refund(applied)).invoke(Refund::ack);
    }

    @CommandHandler
    public RefundAck handle(CancelRefund cmd, Clock clock) {
        Instant now = clock.instant();
        Aggregate<Refund> refund = refund(cmd.refundId());
        refund.execute(r -> r.cancel(cmd.actor(), now));
        orderOf(refund).execute(o -> o.refundEnded(cmd.refundId(), RefundOutcome.CANCELLED, now));
        return refund.invoke(Refund::ack);
    }

    @CommandHandler
    public RefundAck handle(RefuseRefund cmd, Clock clock) {
        Instant now = clock.instant();
        Aggregate<Refund> refund = refund(cmd.refundId());
        refund.execute(r -> r.refuse(cmd.actor(), cmd.reason(), now));
        orderOf(refund).execute(o -> o.refundEnded(cmd.refundId(), RefundOutcome.REFUSED, now));
        return refund.invoke(Refund::ack);
    }

    @CommandHandler
    public RefundAck handle(ApproveRefund cmd, Clock clock) {
        Instant now = clock.instant();
        Aggregate<Refund> refund = refund(cmd.refundId());
        String address = cmd.returnAddress();
        if (address == null && refund.invoke(Refund::returnsGoods)) { // the shop's address named, or its default
            address = shops.returnAddress(refund.invoke(Refund::shopId), cmd.returnAddressId())
                    .map(ReturnAddress::line).orElse(null);
        }
        String returnTo = address;
        boolean paid = refund.invoke(r -> r.approve(cmd.actor(), returnTo, now));
        Aggregate<Order> order = orderOf(refund);
        if (paid) {
            payOut(refund, order, false, "refunded_before_shipping", now);
        } else {
            order.execute(o -> o.afterSales().awaitsReturn(cmd.refundId()));
        }
        return refund.invoke(Refund::ack);
    }

    @CommandHandler
    public RefundAck handle(ConfirmReturn cmd, Clock clock) {
        Instant now = clock.instant();
        Aggregate<Refund> refund = refund(cmd.refundId());
        refund.execute(r -> r.confirmReturn(cmd.actor(), now));
        payOut(refund, orderOf(refund), true, "returned", now);
        return refund.invoke(Refund::ack);
    }

    /**
     * The order books the payout and splits it over what paid for the order; the refund records the split; the
     * points and balance go back to the wallet, then the stock to the products.
     */
    private void payOut(Aggregate<Refund> refund, Aggregate<Order> order, boolean returned, String reason,
                        Instant now) {
        String refundId = refund.identifierAsString();
        OrderAfterSales.Payout payout = order.invoke(o -> o.refundPaid(refundId, returned, now));
        PaymentMix.Share back = payout.back();
        refund.execute(r -> r.paidBack(back, now));
        Order.PaidThrough paid = order.invoke(Order::paidThrough);
        if (back.channel().isPositive() && paid != null) { // the channel's share goes back through the channel
            refund.execute(r -> r.payingOut(paid, back.channel(), now));
        }
        if (back.pointsUsed() > 0 || back.balance().isPositive() || back.giftCard().isPositive()) {
            wallets.refunded(order.invoke(Order::buyerId), order.identifierAsString(), refundId, back.pointsUsed(),
                    back.balance(), back.giftCard(), now);
        }
        stock.release(order.identifierAsString(), payout.stockBack(), reason);
    }

    /**
     * Refunds every line of a paid, unshipped order in full, as refunds the actor applied and approved at once
     * (refund_only): the money goes back the way it came (the channel's share through a payout), stock too.
     *
     * @return the refunds opened, one per line that had money left to refund
     */
    public java.util.List<String> refundInFull(String orderId, RefundReason reason, String note, Actor actor,
                                               Instant now) {
        Aggregate<Order> order = LockOrder.load(orders, Rank.ORDER, orderId, Refusal::orderNotFound);
        java.util.List<String> opened = new java.util.ArrayList<>();
        order.invoke(Order::refundableLines).forEach((lineId, amount) -> {
            Aggregate<Refund> refund = approvedAtOnce(order, lineId, amount, reason, note, actor, actor, now);
            payOut(refund, order, false, "refunded_before_shipping", now);
            opened.add(refund.identifierAsString());
        });
        return opened;
    }

    /** A ticket given back: its refund, and the order's version after it. */
    public record TicketRefunded(String refundId, long orderVersion) {
    }

    /**
     * Gives an unused e-ticket back: a refund_only of what the ticket cost, applied by the caller and approved by the
     * platform at once (nothing to return), paid out like any refund; the ticket is refunded in the same unit of
     * work, and an order whose tickets are all settled completes.
     */
    public TicketRefunded refundTicket(String orderId, String code, Actor actor, Instant now,
                                       io.ordersvc.command.order.OrderSettings settings) {
        Aggregate<Order> order = LockOrder.load(orders, Rank.ORDER, orderId,
                id -> Refusal.ticketNotFound(code));
        Order.TicketRefund ticket = order.invoke(o -> o.ticketRefund(code, actor, now));
        Aggregate<Refund> refund = approvedAtOnce(order, ticket.orderLineId(), ticket.amount(),
                RefundReason.TICKET_RETURNED, "电子票退票 " + code.substring(code.length() - 4), actor, PLATFORM, now);
        String refundId = refund.identifierAsString();
        order.execute(o -> o.ticketRefunded(code, refundId, now));
        payOut(refund, order, false, "ticket_refunded", now);
        order.execute(o -> o.completeIfSettled(now, settings));
        return new TicketRefunded(refundId, order.version());
    }

    /** Who approves the refunds the platform makes on its own (a failed group's, a ticket given back). */
    private static final Actor PLATFORM = new Actor("platform", io.ordersvc.shared.identity.Role.ADMIN, null);

    /** A refund_only of a line the applicant asks for and the approver grants at once (nothing to send back). */
    private Aggregate<Refund> approvedAtOnce(Aggregate<Order> order, String lineId, io.ordersvc.shared.money.Money amount,
                                             RefundReason reason, String note, Actor applicant, Actor approver,
                                             Instant now) {
        String refundId = ids.generateId().toString();
        RefundApplied applied = order.invoke(o -> o.openRefund(new ApplyRefund(refundId, order.identifierAsString(),
                lineId, RefundType.REFUND_ONLY, false, reason, amount, note, java.util.List.of(), applicant), now));
        Aggregate<Refund> refund;
        try {
            refund = refunds.newInstance(() -> new Refund(applied));
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        refund.execute(r -> r.approve(approver, null, now));
        return refund;
    }

    private Aggregate<Refund> refund(String refundId) {
        return LockOrder.load(refunds, Rank.REFUND, refundId,
                id -> Refusal.notFound("REFUND_NOT_FOUND", "refund " + id + " does not exist"));
    }

    private Aggregate<Order> orderOf(Aggregate<Refund> refund) {
        return LockOrder.load(orders, Rank.ORDER, refund.invoke(Refund::orderId), Refusal::orderNotFound);
    }
}
