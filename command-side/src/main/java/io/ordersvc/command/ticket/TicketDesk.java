package io.ordersvc.command.ticket;

import io.ordersvc.command.order.Order;
import io.ordersvc.command.order.OrderAck;
import io.ordersvc.command.order.OrderSettings;
import io.ordersvc.command.refund.RefundHandler;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.ticket.TicketCommand.RedeemTicket;
import io.ordersvc.shared.ticket.TicketCommand.RefundTicket;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * E-tickets by their code: the code names its order (ticket_index), and the order decides, so two redemptions of one
 * code are decided one after the other and exactly one wins. A refund gives an unused ticket back: a refund the
 * buyer applies and the platform approves at once, its money back the way it came.
 */
@Component
public class TicketDesk {

    private final Repository<Order> orders;
    private final TicketOrders index;
    private final RefundHandler refunds;

    public TicketDesk(Repository<Order> orders, TicketOrders index, RefundHandler refunds) {
        this.orders = orders;
        this.index = index;
        this.refunds = refunds;
    }

    /** What redeeming or refunding a ticket answers. */
    public record TicketAck(String code, String orderId, io.ordersvc.shared.ticket.TicketStatus status,
                            String refundId, long version) {
    }

    @CommandHandler
    public TicketAck handle(RedeemTicket cmd, Clock clock, OrderSettings settings) {
        String orderId = orderOf(cmd.code());
        OrderAck ack = LockOrder.load(orders, LockOrder.Rank.ORDER, orderId, id -> Refusal.ticketNotFound(cmd.code()))
                .invoke(o -> o.redeemTicket(cmd.code(), cmd.actor(), clock.instant(), settings));
        return new TicketAck(cmd.code(), orderId, io.ordersvc.shared.ticket.TicketStatus.USED, null, ack.version());
    }

    @CommandHandler
    public TicketAck handle(RefundTicket cmd, Clock clock, OrderSettings settings) {
        String orderId = orderOf(cmd.code());
        RefundHandler.TicketRefunded refunded = refunds.refundTicket(orderId, cmd.code(), cmd.actor(),
                clock.instant(), settings);
        return new TicketAck(cmd.code(), orderId, io.ordersvc.shared.ticket.TicketStatus.REFUNDED,
                refunded.refundId(), refunded.orderVersion());
    }

    private String orderOf(String code) {
        return index.orderOf(code).orElseThrow(() -> Refusal.ticketNotFound(code));
    }

}
