package io.ordersvc.command.order;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.wallet.Wallets;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderEvent.OrderJoinedGroup;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.TicketsOrdered;
import io.ordersvc.shared.groupbuy.GroupRef;
import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opening and cancelling orders: what changes an order and its products' stock together, in one unit of work and so
 * one database transaction. Checkout (CheckoutDesk) takes the stock and opens the orders it priced, or neither; an
 * order is cancelled and its stock released and the points and balance it took given back, or none of it. Aggregates are loaded through {@link LockOrder}.
 */
@Component
@FeatureApi // checkout opens the orders it priced
public class OrderPlacement {

    private final Repository<Order> orders;
    private final Stock stock;
    private final Wallets wallets;
    private final TicketCodes codes;

    public OrderPlacement(Repository<Order> orders, Stock stock, Wallets wallets, TicketCodes codes) {
        this.codes = codes;
        this.orders = orders;
        this.stock = stock;
        this.wallets = wallets;
    }

    /**
     * Opens an order that checkout priced, in the caller's unit of work (its stock, points and balance are taken
     * there too). An order that leaves no money to collect is paid at once.
     */
    public CheckoutPlaced.PlacedOrder open(OrderPlaced placed) throws Exception {
        return open(placed, null, null);
    }

    /**
     * @param joined  the seat in a group the order takes (null: none)
     * @param tickets the e-tickets it sells, issued when it is paid (null: none)
     */
    public CheckoutPlaced.PlacedOrder open(OrderPlaced placed, OrderJoinedGroup joined, TicketsOrdered tickets)
            throws Exception {
        List<io.ordersvc.shared.order.OrderEvent> with = new ArrayList<>();
        if (joined != null) {
            with.add(joined);
        }
        if (tickets != null) {
            with.add(tickets);
        }
        Aggregate<Order> order = orders.newInstance(() -> with.isEmpty() ? new Order(placed)
                : new Order(placed, with));
        OrderStatus status = OrderStatus.PENDING_PAYMENT;
        // No money to collect: paid at once (any points it spends were frozen in the buyer's wallet by checkout).
        if (!placed.payAmount().isPositive()) {
            PayAck paid = order.invoke(o -> o.handle(new PayOrder(placed.orderId(), Actor.system("checkout"),
                    Money.ZERO, PaymentChannel.NONE, placed.payNo()), Clock.fixed(placed.createdAt(),
                    java.time.ZoneOffset.UTC), codes));
            status = paid.status();
        }
        return new CheckoutPlaced.PlacedOrder(placed.orderId(), placed.orderNo(), placed.shopId(), status,
                placed.goodsAmount(), placed.shippingFee(), placed.discountAmount(), placed.payAmount(),
                placed.pointsAmount(), placed.pointsEarned(), placed.payableUntil(), placed.createdAt(),
                placed.price(), placed.payNo(), order.version(), joined == null ? null
                : new GroupRef(joined.groupId(), joined.groupBuyId(), GroupStatus.FORMING));
    }

    @CommandHandler
    public OrderAck handle(CancelOrder cmd, Clock clock) {
        Aggregate<Order> order = load(cmd.orderId());
        Map<String, Map<String, Integer>> release = order.invoke(o -> o.cancel(cmd, clock.instant()));
        giveBack(order, cmd.orderId(), "order_cancelled", clock);
        stock.release(cmd.orderId(), release, "order_cancelled");
        return order.invoke(Order::ack);
    }

    @CommandHandler
    public OrderAck handle(ExpireOrder cmd, Clock clock) {
        Aggregate<Order> order = load(cmd.orderId());
        Map<String, Map<String, Integer>> release = order.invoke(o -> o.expire(cmd, clock.instant()));
        giveBack(order, cmd.orderId(), Order.PAYMENT_TIMEOUT, clock);
        stock.release(cmd.orderId(), release, Order.PAYMENT_TIMEOUT);
        return order.invoke(Order::ack);
    }

    /** The points and balance the order took go back in the cancellation's unit of work, once. */
    private void giveBack(Aggregate<Order> order, String orderId, String reason, Clock clock) {
        String buyer = order.invoke(Order::walletBuyer);
        if (buyer != null) {
            wallets.giveBack(buyer, orderId, reason, clock.instant());
        }
    }

    private Aggregate<Order> load(String orderId) {
        return LockOrder.load(orders, LockOrder.Rank.ORDER, orderId, Refusal::orderNotFound);
    }
}
