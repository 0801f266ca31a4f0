package io.ordersvc.command.order;

import io.ordersvc.command.order.InMemoryCommandSide.Appended;
import io.ordersvc.shared.catalog.ProductCommand.AdjustStock;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundCommand.ApproveRefund;
import io.ordersvc.shared.refund.RefundCommand.CancelRefund;
import io.ordersvc.shared.refund.RefundCommand.ConfirmReturn;
import io.ordersvc.shared.refund.RefundCommand.RefuseRefund;
import io.ordersvc.shared.refund.RefundCommand.ShipReturn;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock is conserved through every path an order can take. Random sequences of placements, payments, partial
 * shipments, refunds of both types (applied, refused, withdrawn, approved, returned), cancellations and restocks
 * run through the real handlers on an in-memory store; after each step every SKU's available stock must be
 * {@code initial + restocks - units held by live orders}, where a line holds the units its buyer has (shipped, less
 * what came back with a return) and, until it is fully refunded, the units still to ship. The model knows where the
 * units are, not how the order computes what to release, and follows the order's own accept or refuse.
 */
class StockConservationTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Actor GATEWAY = Actor.system("gw");
    static final Receiver RECEIVER = new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null);
    static final Map<String, String> PRODUCT_OF = Map.of("sku-a", "product-1", "sku-b", "product-1", "sku-c",
            "product-2");
    static final Map<String, Money> PRICE = Map.of("sku-a", Money.of("19.90"), "sku-b", Money.of("5.00"), "sku-c",
            Money.of("0.01"));

    /** A line as the model sees it: where its units are, and its money. */
    static final class Line {
        final String id;
        final String sku;
        final int quantity;
        final Money total;
        int shipped;
        int returned;
        Money refunded = Money.ZERO;
        Refund open;

        Line(String id, String sku, int quantity, Money total) {
            this.id = id;
            this.sku = sku;
            this.quantity = quantity;
            this.total = total;
        }

        boolean fullyRefunded() {
            return refunded.compareTo(total) >= 0;
        }

        /** Units the shop does not have because of this line. */
        int held() {
            return (shipped - returned) + (fullyRefunded() ? 0 : quantity - shipped);
        }
    }

    record Refund(String id, RefundType type, Money amount, String[] state) {
    }

    static final class Order {
        final String id;
        final List<Line> lines = new ArrayList<>();
        boolean paid;
        boolean cancelled;

        Order(String id) {
            this.id = id;
        }
    }

    @Test
    void stock_is_conserved_through_random_order_histories() {
        for (long seed = 1; seed <= 150; seed++) {
            run(seed, 60);
        }
    }

    private void run(long seed, int steps) {
        Random rng = new Random(seed);
        InMemoryCommandSide side = new InMemoryCommandSide(Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, Long> initial = new HashMap<>(Map.of("sku-a", 8L, "sku-b", 5L, "sku-c", 6L));
        side.send(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(
                new SkuSpec("sku-a", "A", Map.of(), PRICE.get("sku-a"), null, null, 8),
                new SkuSpec("sku-b", "B", Map.of(), PRICE.get("sku-b"), null, null, 5)), SELLER));
        side.send(new CreateProduct("product-2", "shop-1", "袜子", null, null, List.of(
                new SkuSpec("sku-c", "C", Map.of(), PRICE.get("sku-c"), null, null, 6)), SELLER));
        Map<String, Long> available = new HashMap<>();
        Map<String, Long> restocked = new HashMap<>();
        List<Order> orders = new ArrayList<>();
        List<String> history = new ArrayList<>();
        int ids = 0;
        observe(side.appended(), available, orders);

        for (int step = 0; step < steps; step++) {
            String what = null;
            try {
                int pick = rng.nextInt(10);
                if (pick <= 1 || orders.isEmpty()) {
                    Map<String, Integer> items = new LinkedHashMap<>();
                    for (String sku : List.of("sku-a", "sku-b", "sku-c")) {
                        if (rng.nextInt(2) == 0) {
                            items.put(sku, 1 + rng.nextInt(3));
                        }
                    }
                    if (items.isEmpty()) {
                        items.put("sku-c", 1);
                    }
                    String id = "order-" + (++ids);
                    what = "place " + id + " " + items;
                    orders.add(new Order(id)); // lines arrive with OrderPlaced
                    try {
                        side.send(new PlaceOrder(id, BUYER, OrderType.PHYSICAL, items.entrySet().stream()
                                .map(e -> new PlaceOrder.Item(e.getKey(), e.getValue())).toList(), RECEIVER, null));
                    } catch (DomainException refused) {
                        orders.remove(orders.size() - 1);
                        throw refused;
                    }
                } else if (pick == 2) {
                    String sku = List.of("sku-a", "sku-b", "sku-c").get(rng.nextInt(3));
                    long delta = 1 + rng.nextInt(4);
                    what = "restock " + sku + " +" + delta;
                    side.send(new AdjustStock(PRODUCT_OF.get(sku), sku, delta, SELLER));
                    restocked.merge(sku, delta, Long::sum);
                } else {
                    Order o = orders.get(rng.nextInt(orders.size()));
                    what = step(rng, side, o, ++ids);
                }
            } catch (DomainException refused) {
                what = what + " refused " + refused.code();
            }
            history.add(what);
            observe(side.appended(), available, orders);
            for (String sku : initial.keySet()) {
                long held = orders.stream().filter(o -> !o.cancelled).flatMap(o -> o.lines.stream())
                        .filter(l -> l.sku.equals(sku)).mapToLong(Line::held).sum();
                long expected = initial.get(sku) + restocked.getOrDefault(sku, 0L) - held;
                assertThat(available.get(sku)).as("seed %d, %s after %s", seed, sku, String.join("; ", history))
                        .isEqualTo(expected).isNotNegative();
            }
        }
    }

    /** One random step on an existing order; returns what it did. Refusals leave the model as it was. */
    private String step(Random rng, InMemoryCommandSide side, Order o, int id) {
        if (!o.paid && !o.cancelled) {
            if (rng.nextInt(4) == 0) {
                side.send(new CancelOrder(o.id, BUYER, "changed my mind"));
                o.cancelled = true;
                return "cancel " + o.id;
            }
            Money total = o.lines.stream().map(l -> l.total).reduce(Money.ZERO, Money::plus);
            side.send(new PayOrder(o.id, GATEWAY, total, PaymentChannel.WECHAT, "tx-" + o.id));
            o.paid = true;
            return "pay " + o.id;
        }
        if (o.cancelled || o.lines.isEmpty()) {
            return "nothing on " + o.id;
        }
        Line l = o.lines.get(rng.nextInt(o.lines.size()));
        int pick = rng.nextInt(6);
        if (pick == 0) {
            int left = l.fullyRefunded() ? 0 : l.quantity - l.shipped;
            int qty = left == 0 ? 1 : 1 + rng.nextInt(left);
            side.send(new ShipOrder(o.id, SELLER, "s-" + id, "SF", "顺丰", "SF" + id,
                    List.of(new ShipmentLine(l.id, qty))));
            l.shipped += qty;
            return "ship " + qty + " of " + l.sku + " in " + o.id;
        }
        if (l.open == null) {
            Money refundable = l.total.minus(l.refunded);
            Money amount = rng.nextBoolean() || refundable.compareTo(Money.of("0.02")) < 0 ? refundable
                    : Money.of(refundable.amount().divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN));
            RefundType type = rng.nextBoolean() ? RefundType.RETURN_AND_REFUND : RefundType.REFUND_ONLY;
            String refundId = "refund-" + id;
            side.send(new ApplyRefund(refundId, o.id, l.id, type, true, RefundReason.OTHER, amount, null, null,
                    BUYER));
            l.open = new Refund(refundId, type, amount, new String[]{"applied"});
            return "apply " + type.value() + " " + amount + " on " + l.sku + " in " + o.id;
        }
        Refund r = l.open;
        String state = r.state()[0];
        if (state.equals("applied") && pick == 1) {
            side.send(rng.nextBoolean() ? new RefuseRefund(r.id(), "no", SELLER) : new CancelRefund(r.id(), BUYER));
            l.open = null;
            return "end " + r.id() + " without money";
        }
        if (state.equals("applied")) {
            side.send(new ApproveRefund(r.id(), "退货地址", null, SELLER));
            if (r.type() == RefundType.REFUND_ONLY) {
                paidOut(l, r, false);
                return "approve and pay " + r.id();
            }
            r.state()[0] = "awaiting_return";
            return "approve return " + r.id();
        }
        if (state.equals("awaiting_return")) {
            side.send(new ShipReturn(r.id(), "SF", "顺丰", "SFR" + id, BUYER));
            r.state()[0] = "return_shipped";
            return "ship return " + r.id();
        }
        side.send(new ConfirmReturn(r.id(), SELLER));
        paidOut(l, r, true);
        return "confirm return " + r.id();
    }

    /** The money went back; with a return, the goods the buyer had came back. */
    private static void paidOut(Line l, Refund r, boolean goodsCameBack) {
        if (goodsCameBack) {
            l.returned = l.shipped;
        }
        l.refunded = l.refunded.plus(r.amount());
        l.open = null;
    }

    private static void observe(List<Appended> appended, Map<String, Long> available, List<Order> orders) {
        for (Appended a : appended) {
            if (a.payload() instanceof ProductCreated e) {
                e.skus().forEach(s -> available.put(s.skuId(), s.stock()));
            } else if (a.payload() instanceof StockReserved e) {
                e.items().forEach(c -> available.put(c.skuId(), c.availableAfter()));
            } else if (a.payload() instanceof StockReleased e) {
                e.items().forEach(c -> available.put(c.skuId(), c.availableAfter()));
            } else if (a.payload() instanceof StockAdjusted e) {
                available.put(e.skuId(), e.availableAfter());
            } else if (a.payload() instanceof OrderPlaced e) {
                Order o = orders.stream().filter(x -> x.id.equals(e.orderId())).findFirst().orElseThrow();
                e.lines().forEach(l -> o.lines.add(new Line(l.lineId(), l.skuId(), l.quantity(), l.lineTotal())));
            }
        }
    }
}
