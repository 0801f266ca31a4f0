package io.ordersvc.command.member;

import io.ordersvc.command.order.Order;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberCommand.RecordSpending;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Counts what buyers spend: a completed order's paid amount less its refunds, set again when a refund follows. It rides on the order-due-dates processor (one thread, one token, already reading every order
 * event) rather than a processor of its own; the member's dedup makes a replayed batch change nothing.
 */
@Component
@ProcessingGroup("order-due-dates")
class MemberSpending {

    private static final Actor SYSTEM = Actor.system("member-spending");

    private final Repository<Order> orders;
    private final CommandGateway commands;

    MemberSpending(Repository<Order> orders, CommandGateway commands) {
        this.orders = orders;
        this.commands = commands;
    }

    @EventHandler
    void on(OrderReceiptConfirmed e) {
        count(e.orderId());
    }

    @EventHandler
    void on(LineRefunded e) {
        count(e.orderId());
    }

    /**
     * Sets what the order counts from its state now: a replay of its completion and of a later refund both set the
     * same final count, and a refund before completion counts only when the order completes.
     */
    private void count(String orderId) {
        Order.Spending spending = orders.load(orderId).invoke(Order::spending);
        if (spending.completed()) {
            commands.sendAndWait(new RecordSpending(MemberCommand.memberId(spending.buyerId()), spending.buyerId(),
                    orderId, spending.paidLessRefunds(), SYSTEM));
        }
    }
}
