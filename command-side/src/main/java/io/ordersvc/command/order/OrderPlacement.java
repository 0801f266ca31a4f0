package io.ordersvc.command.order;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
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
 * Placing and cancelling an order: the commands that change an order and its products' stock together, in one unit
 * of work and so one database transaction. The stock is reserved and the order placed, or neither; the order is
 * cancelled and its stock released, or neither. Prices come from {@link OrderPricing}; aggregates are loaded through
 * {@link LockOrder}.
 */
@Component
public class OrderPlacement {

    private final Repository<Order> orders;
    private final Stock stock;
    private final OrderNumbers orderNumbers;
    private final OrderSettings settings;
    private final IdGenerator ids;

    public OrderPlacement(Repository<Order> orders, Stock stock, OrderNumbers orderNumbers, OrderSettings settings,
                          IdGenerator ids) {
        this.orders = orders;
        this.stock = stock;
        this.orderNumbers = orderNumbers;
        this.settings = settings;
        this.ids = ids;
    }

    public record Placement(String orderId, String orderNo, OrderStatus status, Money goodsAmount, Money shippingFee,
                            Money discountAmount, Money payAmount, long pointsAmount, long pointsEarned,
                            Instant payableUntil, Instant createdAt, long version) {
    }

    @CommandHandler
    public Placement handle(PlaceOrder cmd, Clock clock) throws Exception {
        if (!cmd.actor().is(Role.BUYER)) {
            throw Refusal.forbidden("only buyers place orders");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        cmd.items().forEach(i -> quantities.merge(i.skuId(), i.quantity(), Integer::sum));
        Map<String, SkuOwners.Owner> owners = stock.owners(quantities.keySet());
        for (String skuId : quantities.keySet()) {
            if (!owners.containsKey(skuId)) {
                throw Refusal.unprocessable("UNKNOWN_SKU", "sku " + skuId + " does not exist");
            }
        }
        if (owners.values().stream().map(SkuOwners.Owner::shopId).distinct().count() > 1) {
            throw Refusal.unprocessable("MULTIPLE_SHOPS", "an order holds the goods of one shop; split the cart");
        }
        List<Product.Reserved> reserved = stock.reserve(cmd.orderId(), quantities, owners, cmd.orderType());
        OrderPricing.Priced priced = OrderPricing.price(cmd.orderType(), reserved.stream()
                .map(r -> new OrderPricing.Item(r.sku().skuId(), r.sku().price(), r.sku().pointsPrice(),
                        r.quantity())).toList(), settings.pointsPerYuan());
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < reserved.size(); i++) {
            Product.Reserved r = reserved.get(i);
            lines.add(new OrderLine(ids.generateId().toString(), r.productId(), r.sku().skuId(), r.sku().skuCode(),
                    r.productName(), r.imageUrl(), r.sku().properties(), r.sku().price(), r.sku().pointsPrice(),
                    r.quantity(), priced.lines().get(i).lineTotal()));
        }
        Instant now = clock.instant();
        OrderPlaced placed = new OrderPlaced(cmd.orderId(), orderNumbers.next(), cmd.actor().id(),
                reserved.get(0).shopId(), cmd.orderType(), lines, cmd.receiver(), cmd.buyerRemark(),
                priced.goodsAmount(), priced.shippingFee(), priced.discountAmount(), priced.payAmount(),
                priced.pointsAmount(), priced.pointsEarned(), now, now.plus(settings.paymentWindow()));
        Aggregate<Order> order = orders.newInstance(() -> new Order(placed));
        return new Placement(placed.orderId(), placed.orderNo(), OrderStatus.PENDING_PAYMENT, placed.goodsAmount(),
                placed.shippingFee(), placed.discountAmount(), placed.payAmount(), placed.pointsAmount(),
                placed.pointsEarned(), placed.payableUntil(), now, order.version());
    }

    @CommandHandler
    public OrderAck handle(CancelOrder cmd, Clock clock) {
        Aggregate<Order> order = load(cmd.orderId());
        Map<String, Map<String, Integer>> release = order.invoke(o -> o.cancel(cmd, clock.instant()));
        stock.release(cmd.orderId(), release, "order_cancelled");
        return order.invoke(Order::ack);
    }

    @CommandHandler
    public OrderAck handle(ExpireOrder cmd, Clock clock) {
        Aggregate<Order> order = load(cmd.orderId());
        Map<String, Map<String, Integer>> release = order.invoke(o -> o.expire(cmd, clock.instant()));
        stock.release(cmd.orderId(), release, Order.PAYMENT_TIMEOUT);
        return order.invoke(Order::ack);
    }

    private Aggregate<Order> load(String orderId) {
        return LockOrder.load(orders, LockOrder.Rank.ORDER, orderId, Refusal::orderNotFound);
    }
}
