package io.ordersvc.command.wallet;

import io.ordersvc.command.order.Order;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.SettlePoints;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * A paid order's frozen points become spent. It rides on the order-due-dates processor (one thread, one token,
 * already reading every order event), as member spending does; settling an order twice changes nothing, so a
 * replayed batch is harmless. Until it runs the points show as frozen, never as available: nothing can spend them.
 */
@Component
@ProcessingGroup("order-due-dates")
class PointsSettlement {

    private static final Actor SYSTEM = Actor.system("points-settlement");

    private final Repository<Order> orders;
    private final CommandGateway commands;

    PointsSettlement(Repository<Order> orders, CommandGateway commands) {
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
}
