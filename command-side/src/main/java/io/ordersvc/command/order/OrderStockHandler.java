package io.ordersvc.command.order;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.SkuIndex;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Commands that change an order and its products' stock together. Everything here runs in one unit of work and so
 * in one database transaction: the stock is reserved and the order placed, or neither; the order is cancelled and
 * its stock released, or neither. Products are loaded in id order so two orders never wait on each other in a cycle.
 */
@Component
public class OrderStockHandler {

    private final Repository<Order> orders;
    private final Repository<Product> products;
    private final SkuIndex skuIndex;
    private final OrderNumbers orderNumbers;
    private final OrderSettings settings;
    private final Stock stock;

    public OrderStockHandler(Repository<Order> orders, Repository<Product> products, SkuIndex skuIndex,
                             OrderNumbers orderNumbers, OrderSettings settings, Stock stock) {
        this.orders = orders;
        this.products = products;
        this.stock = stock;
        this.skuIndex = skuIndex;
        this.orderNumbers = orderNumbers;
        this.settings = settings;
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
        Map<String, SkuIndex.Owner> owners = skuIndex.owners(quantities.keySet());
        for (String skuId : quantities.keySet()) {
            if (!owners.containsKey(skuId)) {
                throw Refusal.unprocessable("UNKNOWN_SKU", "sku " + skuId + " does not exist");
            }
        }
        if (owners.values().stream().map(SkuIndex.Owner::shopId).distinct().count() > 1) {
            throw Refusal.unprocessable("MULTIPLE_SHOPS", "an order holds the goods of one shop; split the cart");
        }
        Map<String, Map<String, Integer>> byProduct = new TreeMap<>();
        quantities.forEach((sku, qty) -> byProduct
                .computeIfAbsent(owners.get(sku).productId(), p -> new LinkedHashMap<>()).put(sku, qty));

        Map<String, Product.Reserved> reserved = new HashMap<>();
        for (var entry : byProduct.entrySet()) {
            List<Product.Reserved> taken = load(entry.getKey())
                    .invoke(p -> p.reserve(cmd.orderId(), entry.getValue(), cmd.orderType()));
            taken.forEach(r -> reserved.put(r.sku().skuId(), r));
        }

        boolean points = cmd.orderType() == OrderType.POINTS_EXCHANGE;
        List<OrderLine> lines = new ArrayList<>();
        Money goods = Money.ZERO;
        long pointsAmount = 0;
        for (var entry : quantities.entrySet()) {
            Product.Reserved r = reserved.get(entry.getKey());
            int qty = entry.getValue();
            Money lineTotal = points ? Money.ZERO : r.sku().price().times(qty);
            goods = goods.plus(lineTotal);
            pointsAmount += points ? r.sku().pointsPrice() * qty : 0;
            lines.add(new OrderLine(UUID.randomUUID().toString(), r.productId(), r.sku().skuId(), r.sku().skuCode(),
                    r.productName(), r.imageUrl(), r.sku().properties(), r.sku().price(), r.sku().pointsPrice(), qty,
                    lineTotal));
        }
        Money shipping = Money.ZERO;  // shipping-fee templates arrive with checkout pricing
        Money discount = Money.ZERO;  // coupons and points deductions arrive with checkout pricing
        Money pay = goods.plus(shipping).minus(discount);
        long earned = points ? 0 : pay.amount().multiply(settings.pointsPerYuan())
                .setScale(0, RoundingMode.DOWN).longValueExact();
        Instant now = clock.instant();
        String shopId = owners.values().iterator().next().shopId();
        OrderPlaced placed = new OrderPlaced(cmd.orderId(), orderNumbers.next(), cmd.actor().id(), shopId,
                cmd.orderType(), lines, cmd.receiver(), cmd.buyerRemark(), goods, shipping, discount, pay,
                pointsAmount, earned, now, now.plus(settings.paymentWindow()));
        Aggregate<Order> order = orders.newInstance(() -> new Order(placed));
        return new Placement(placed.orderId(), placed.orderNo(), OrderStatus.PENDING_PAYMENT, goods, shipping,
                discount, pay, pointsAmount, earned, placed.payableUntil(), now, order.version());
    }

    @CommandHandler
    public OrderAck handle(CancelOrder cmd, Clock clock) {
        Aggregate<Order> order = loadOrder(cmd.orderId());
        Map<String, Map<String, Integer>> release = order.invoke(o -> o.cancel(cmd, clock.instant()));
        stock.release(cmd.orderId(), release, "order_cancelled");
        return order.invoke(Order::ack);
    }

    @CommandHandler
    public OrderAck handle(ExpireOrder cmd, Clock clock) {
        Aggregate<Order> order = loadOrder(cmd.orderId());
        Map<String, Map<String, Integer>> release = order.invoke(o -> o.expire(cmd, clock.instant()));
        stock.release(cmd.orderId(), release, Order.PAYMENT_TIMEOUT);
        return order.invoke(Order::ack);
    }

    private Aggregate<Product> load(String productId) {
        return products.load(productId);
    }

    Aggregate<Order> loadOrder(String orderId) {
        try {
            return orders.load(orderId);
        } catch (AggregateNotFoundException e) {
            throw Refusal.orderNotFound(orderId);
        }
    }
}
