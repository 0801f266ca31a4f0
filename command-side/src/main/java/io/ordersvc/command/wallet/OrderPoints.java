package io.ordersvc.command.wallet;

import io.ordersvc.command.order.Order;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.EarnPoints;
import io.ordersvc.shared.wallet.WalletCommand.SettlePoints;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * What orders do to points after checkout: a paid order's frozen points become spent; a completed order earns its
 * points_earned, and a refund after completion takes back the refunded share (one before completion counts when it
 * completes). Both are set from the order's state, never added to, so a replayed batch changes nothing. Until this
 * runs, frozen points stay frozen: nothing can spend them. It rides on the order-due-dates processor (one thread,
 * one token, already reading every order event), as member spending does.
 */
@Component
@ProcessingGroup("order-due-dates")
class OrderPoints {

    private static final Actor SYSTEM = Actor.system("order-points");

    private final Repository<Order> orders;
    private final CommandGateway commands;

    OrderPoints(Repository<Order> orders, CommandGateway commands) {
        this.orders = orders;
        this.commands = commands;
    }

    @EventHandler
    void on(OrderPaid e) {
        String buyer = orders.load(e.orderId()).invoke(Order::walletBuyer);
        if (buyer != null) {
            commands.sendAndWait(new SettlePoints(WalletCommand.walletId(buyer), buyer, e.orderId(), SYSTEM));
        }
    }

    @EventHandler
    void on(OrderReceiptConfirmed e) {
        earn(e.orderId());
    }

    @EventHandler
    void on(LineRefunded e) {
        earn(e.orderId());
    }

    private void earn(String orderId) {
        Order.Earning earning = orders.load(orderId).invoke(Order::earning);
        if (earning.completed()) {
            commands.sendAndWait(new EarnPoints(WalletCommand.walletId(earning.buyerId()), earning.buyerId(),
                    orderId, earning.points(), SYSTEM));
        }
    }
}
