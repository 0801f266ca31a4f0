package io.ordersvc.bench;

import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.OrderDeletedByBuyer;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A shop's history as the live service would have stored it, deterministic for a seed: a catalog, then orders
 * placed evenly over a window of days, each living its life (paid or not, cancelled, shipped in one or two
 * packages, received by hand or automatically, reviewed, refunded before shipping, hidden by the buyer) with the
 * same events, stream types, sequence numbers and audit metadata the aggregates write. Events come out in time
 * order across all streams, as they would have been appended; events due after {@code end} never happen.
 */
final class ShopHistory {

    static final Duration PAYMENT_WINDOW = Duration.ofHours(24);
    static final Duration AUTO_CONFIRM_AFTER = Duration.ofDays(10);
    static final Duration REVIEW_WINDOW = Duration.ofDays(15);
    static final Duration AFTER_SALES_WINDOW = Duration.ofDays(15);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String[] NOUNS = {"蓝牙耳机", "纯棉T恤", "保温杯", "机械键盘", "运动鞋", "面膜", "牛仔裤",
            "电饭煲", "茶叶礼盒", "充电宝", "羽绒服", "儿童绘本", "咖啡豆", "行李箱", "台灯", "Wireless Mouse",
            "Yoga Mat", "Desk Lamp", "Water Bottle", "Phone Case"};
    private static final String[] ADJECTIVES = {"新款", "轻薄", "加厚", "无线", "复古", "经典", "大容量", "便携", "Pro",
            "Mini"};
    private static final String[] COLOURS = {"黑色", "白色", "红色", "蓝色", "灰色"};
    private static final String[] SIZES = {"S", "M", "L", "XL"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "杰", "秀英", "建华"};
    private static final String[][] PLACES = {{"广东省", "深圳市", "南山区", "518000"}, {"北京市", "北京市", "朝阳区", "100020"},
            {"上海市", "上海市", "浦东新区", "200120"}, {"浙江省", "杭州市", "西湖区", "310000"},
            {"四川省", "成都市", "武侯区", "610041"}, {"江苏省", "南京市", "鼓楼区", "210008"}};
    private static final String[][] CARRIERS = {{"SF", "顺丰速运"}, {"YTO", "圆通速递"}, {"ZTO", "中通快递"},
            {"YD", "韵达快递"}, {"JD", "京东物流"}};
    private static final String[] CHANNELS = {"wechat", "alipay", "balance"};
    private static final String[] CANCEL_REASONS = {"不想要了", "地址填错了", "重复下单", "changed my mind"};
    private static final String[] REMARKS = {"请尽快发货", "周末送货", "不要放快递柜", "礼品包装"};

    record Settings(long seed, int orders, int shops, int productsPerShop, int buyers, Instant start, Instant end) {
    }

    private record Sku(String id, String code, Map<String, String> properties, Money price) {
    }

    private record Product(String id, String shopId, String name, String imageUrl, List<Sku> skus) {
    }

    /** A stream with its next sequence number. */
    private static final class Stream {
        final String type;
        final String id;
        long next;

        Stream(String type, String id) {
            this.type = type;
            this.id = id;
        }
    }

    private record Due(Instant at, long order, Runnable step) {
    }

    private final Settings settings;
    private final SplittableRandom rng;
    private final Consumer<DomainEventMessage<?>> sink;
    private final List<Product> catalog = new ArrayList<>();
    private final Map<String, Stream> productStreams = new HashMap<>();
    private final Map<String, Long> available = new HashMap<>();
    private final PriorityQueue<Due> pending = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparingLong(Due::order));
    private long dueCounter;
    private long events;

    ShopHistory(Settings settings, Consumer<DomainEventMessage<?>> sink) {
        this.settings = settings;
        this.rng = new SplittableRandom(settings.seed());
        this.sink = sink;
    }

    /** Writes the whole history to the sink; returns the number of events. */
    long run() {
        Instant catalogAt = settings.start().minus(Duration.ofDays(1));
        for (int s = 0; s < settings.shops(); s++) {
            for (int p = 0; p < settings.productsPerShop(); p++) {
                createProduct(String.format("shop-%03d", s + 1), catalogAt);
            }
        }
        long span = Duration.between(settings.start(), settings.end()).toMillis();
        for (int i = 0; i < settings.orders(); i++) {
            Instant at = settings.start().plusMillis(span * i / settings.orders() + rng.nextLong(Math.max(1,
                    span / settings.orders())));
            runDueBefore(at);
            place(i, at);
        }
        runDueBefore(settings.end());
        return events;
    }

    private void runDueBefore(Instant limit) {
        while (!pending.isEmpty() && !pending.peek().at().isAfter(limit)) {
            Due due = pending.poll();
            now = due.at();
            due.step().run();
        }
    }

    private void later(Instant at, Runnable step) {
        if (!at.isAfter(settings.end())) {
            pending.add(new Due(at, dueCounter++, step));
        }
    }

    // ---- catalog

    private void createProduct(String shopId, Instant at) {
        String id = uuid();
        String name = ADJECTIVES[rng.nextInt(ADJECTIVES.length)] + NOUNS[rng.nextInt(NOUNS.length)] + " "
                + (catalog.size() + 1);
        List<Sku> skus = new ArrayList<>();
        List<SkuSpec> specs = new ArrayList<>();
        int count = 1 + rng.nextInt(3);
        BigDecimal base = BigDecimal.valueOf(990 + rng.nextInt(49_000), 2);
        for (int k = 0; k < count; k++) {
            Map<String, String> props = new TreeMap<>(Map.of("颜色", COLOURS[k % COLOURS.length],
                    "尺码", SIZES[rng.nextInt(SIZES.length)]));
            Money price = new Money(base.add(BigDecimal.valueOf(k * 1000L, 2)));
            Sku sku = new Sku(uuid(), "SKU-" + (catalog.size() + 1) + "-" + (k + 1), props, price);
            skus.add(sku);
            specs.add(new SkuSpec(sku.id(), sku.code(), props, price, new Money(base.multiply(new BigDecimal("0.6"))
                    .setScale(2, java.math.RoundingMode.DOWN)), null, 10_000_000L));
            available.put(sku.id(), 10_000_000L);
        }
        Product product = new Product(id, shopId, name, "https://img.example.com/p/" + id + ".jpg",
                skus);
        catalog.add(product);
        Stream stream = new Stream("Product", id);
        productStreams.put(id, stream);
        emit(stream, new ProductCreated(id, shopId, name, product.imageUrl(), ProductSettings.DEFAULT, specs, at), at,
                "seller-" + shopId, "seller", uuid());
    }

    // ---- an order's life

    private final class Life {
        final Stream stream;
        final OrderPlaced placed;
        final Map<String, List<StockChange>> byProduct;

        Life(Stream stream, OrderPlaced placed, Map<String, List<StockChange>> byProduct) {
            this.stream = stream;
            this.placed = placed;
            this.byProduct = byProduct;
        }

        String id() {
            return placed.orderId();
        }

        String buyer() {
            return placed.buyerId();
        }
    }

    private void place(long index, Instant at) {
        String shopId = String.format("shop-%03d", 1 + rng.nextInt(settings.shops()));
        int shop = Integer.parseInt(shopId.substring(5)) - 1;
        int lineCount = pick(0.6, 0.3) + 1;
        Map<String, Integer> quantities = new LinkedHashMap<>();
        Map<String, Sku> skus = new HashMap<>();
        Map<String, Product> owners = new HashMap<>();
        for (int l = 0; l < lineCount; l++) {
            Product p = catalog.get(shop * settings.productsPerShop() + rng.nextInt(settings.productsPerShop()));
            Sku sku = p.skus().get(rng.nextInt(p.skus().size()));
            quantities.merge(sku.id(), 1 + pick(0.75, 0.2), Integer::sum);
            skus.put(sku.id(), sku);
            owners.put(sku.id(), p);
        }
        String orderId = uuid();
        String buyer = "buyer-" + (1 + rng.nextInt(settings.buyers()));
        String correlation = uuid();
        // Stock first, by product id, as OrderPlacement reserves it.
        Map<String, List<StockChange>> byProduct = new TreeMap<>();
        quantities.forEach((skuId, qty) -> byProduct.computeIfAbsent(owners.get(skuId).id(), k -> new ArrayList<>())
                .add(new StockChange(skuId, qty, available.merge(skuId, (long) -qty, Long::sum))));
        byProduct.forEach((productId, items) ->
                emit(productStreams.get(productId), new StockReserved(productId, orderId, items), at, buyer, "buyer",
                        correlation));
        List<OrderLine> lines = new ArrayList<>();
        Money goods = Money.ZERO;
        for (var q : quantities.entrySet()) {
            Sku sku = skus.get(q.getKey());
            Product p = owners.get(q.getKey());
            Money total = sku.price().times(q.getValue());
            goods = goods.plus(total);
            lines.add(new OrderLine(uuid(), p.id(), sku.id(), sku.code(), p.name(), p.imageUrl(), sku.properties(),
                    sku.price(), null, q.getValue(), total));
        }
        String[] place = PLACES[rng.nextInt(PLACES.length)];
        Receiver receiver = new Receiver(SURNAMES[rng.nextInt(SURNAMES.length)] + GIVEN[rng.nextInt(GIVEN.length)],
                "1" + (3 + rng.nextInt(7)) + String.format("%09d", rng.nextInt(1_000_000_000)), place[0], place[1],
                place[2], (1 + rng.nextInt(999)) + "号 " + (1 + rng.nextInt(30)) + "栋", place[3]);
        String orderNo = SECONDS.format(at) + "9" + String.format("%05d", index % 100_000);
        OrderPlaced placed = new OrderPlaced(orderId, orderNo, buyer, shopId, OrderType.PHYSICAL, lines, receiver,
                rng.nextInt(10) == 0 ? REMARKS[rng.nextInt(REMARKS.length)] : null, goods, Money.ZERO, Money.ZERO,
                goods, 0, goods.amount().setScale(0, java.math.RoundingMode.DOWN).longValueExact(), at,
                at.plus(PAYMENT_WINDOW));
        Life life = new Life(new Stream("Order", orderId), placed, byProduct);
        emit(life.stream, placed, at, buyer, "buyer", correlation);

        double fate = rng.nextDouble();
        if (fate < 0.08) {
            later(at.plus(minutes(2, 120)), () -> cancel(life, rng.nextInt(CANCEL_REASONS.length)));
        } else if (fate < 0.12) {
            later(placed.payableUntil(), () -> cancel(life, -1));
        } else {
            later(at.plus(minutes(1, 30)), () -> pay(life));
        }
    }

    private void cancel(Life life, int reason) {
        Instant at = current();
        boolean timeout = reason < 0;
        String actor = timeout ? "order-timers" : life.buyer();
        String role = timeout ? "system" : "buyer";
        String correlation = uuid();
        emit(life.stream, new OrderCancelled(life.id(), timeout ? "payment_timeout" : CANCEL_REASONS[reason], at), at,
                actor, role, correlation);
        release(life, at, timeout ? "payment_timeout" : "order_cancelled", actor, role, correlation);
    }

    private void release(Life life, Instant at, String reason, String actor, String role, String correlation) {
        life.byProduct.forEach((productId, items) -> emit(productStreams.get(productId), new StockReleased(productId,
                life.id(), items.stream().map(c -> new StockChange(c.skuId(), c.quantity(),
                        available.merge(c.skuId(), (long) c.quantity(), Long::sum))).toList(), reason),
                at, actor, role, correlation));
    }

    private void pay(Life life) {
        Instant at = current();
        emit(life.stream, new OrderPaid(life.id(), life.placed.payAmount(), CHANNELS[rng.nextInt(CHANNELS.length)],
                "4200" + String.format("%016d", rng.nextLong(10_000_000_000_000_000L)), at), at, "payment-gateway",
                "system", uuid());
        if (life.placed.lines().size() == 1 && rng.nextInt(50) == 0) {
            later(at.plus(minutes(30, 600)), () -> refundBeforeShipping(life));
        } else {
            later(at.plus(minutes(120, 72 * 60)), () -> ship(life, 0));
        }
    }

    /** Refund-only of the single unshipped line, approved by the seller: money back, stock back, order closed. */
    private void refundBeforeShipping(Life life) {
        Instant at = current();
        OrderLine line = life.placed.lines().get(0);
        Stream refund = new Stream("Refund", uuid());
        String correlation = uuid();
        emit(refund, new RefundApplied(refund.id, life.id(), life.placed.orderNo(), line.lineId(), line.productName(),
                life.buyer(), life.placed.shopId(), RefundType.REFUND_ONLY, false, RefundReason.NO_REASON_7_DAYS,
                line.lineTotal(), "不想要了", List.of(), at), at, life.buyer(), "buyer", correlation);
        emit(life.stream, new RefundOpened(life.id(), refund.id, line.lineId(), line.lineTotal()), at, life.buyer(),
                "buyer", correlation);
        later(at.plus(minutes(10, 24 * 60)), () -> {
            Instant done = current();
            String seller = "seller-" + life.placed.shopId();
            String approval = uuid();
            emit(refund, new RefundCompleted(refund.id, line.lineTotal(), done), done, seller, "seller", approval);
            emit(life.stream, new LineRefunded(life.id(), refund.id, line.lineId(), line.lineTotal(),
                    line.lineTotal(), true, 0, line.quantity(), OrderStatus.SHIPPED, done, null), done, seller, "seller",
                    approval);
            emit(life.stream, new OrderClosed(life.id(), done), done, seller, "seller", approval);
            release(life, done, "refunded", seller, "seller", approval);
        });
    }

    private void ship(Life life, int from) {
        Instant at = current();
        List<OrderLine> lines = life.placed.lines();
        int to = lines.size() > 1 && from == 0 && rng.nextInt(5) == 0 ? 1 : lines.size();
        String[] carrier = CARRIERS[rng.nextInt(CARRIERS.length)];
        List<ShipmentLine> shipped = lines.subList(from, to).stream()
                .map(l -> new ShipmentLine(l.lineId(), l.quantity())).toList();
        emit(life.stream, new OrderShipped(life.id(), uuid(), carrier[0], carrier[1],
                carrier[0] + String.format("%012d", rng.nextLong(1_000_000_000_000L)), shipped, to == lines.size(),
                at, to == lines.size() ? at.plus(AUTO_CONFIRM_AFTER) : null), at, "seller-" + life.placed.shopId(), "seller", uuid());
        if (to < lines.size()) {
            later(at.plus(minutes(60, 48 * 60)), () -> ship(life, to));
            return;
        }
        Duration wait = Duration.ofMinutes(2 * 24 * 60 + rng.nextInt(9 * 24 * 60));
        boolean automatic = wait.compareTo(AUTO_CONFIRM_AFTER) >= 0;
        later(at.plus(automatic ? AUTO_CONFIRM_AFTER : wait), () -> receive(life, automatic));
    }

    private void receive(Life life, boolean automatic) {
        Instant at = current();
        emit(life.stream, new OrderReceiptConfirmed(life.id(), at, automatic, at.plus(REVIEW_WINDOW),
                at.plus(AFTER_SALES_WINDOW)), at,
                automatic ? "order-timers" : life.buyer(), automatic ? "system" : "buyer", uuid());
        if (rng.nextInt(4) == 0) {
            later(at.plus(minutes(60, 7 * 24 * 60)), () -> {
                Instant reviewed = current();
                emit(life.stream, new OrderReviewed(life.id(), 3 + rng.nextInt(3), "质量不错，物流很快", reviewed),
                        reviewed, life.buyer(), "buyer", uuid());
            });
        } else {
            later(at.plus(REVIEW_WINDOW), () -> emit(life.stream, new ReviewWindowClosed(life.id(), current()),
                    current(), "order-timers", "system", uuid()));
        }
        later(at.plus(AFTER_SALES_WINDOW).plusMillis(1), () -> emit(life.stream,
                new AfterSalesWindowClosed(life.id(), current()), current(), "order-timers", "system", uuid()));
        if (rng.nextInt(50) == 0) {
            later(at.plus(minutes(16 * 24 * 60, 30 * 24 * 60)), () -> emit(life.stream,
                    new OrderDeletedByBuyer(life.id(), current()), current(), life.buyer(), "buyer", uuid()));
        }
    }

    // ---- plumbing

    private Instant now;

    private Instant current() {
        return now;
    }

    private void emit(Stream stream, Object payload, Instant at, String actorId, String role, String correlation) {
        now = at;
        Map<String, Object> meta = new HashMap<>();
        meta.put("actor_id", actorId);
        meta.put("actor_role", role);
        meta.put("correlation_id", correlation);
        meta.put("correlationId", correlation);
        meta.put("traceId", correlation);
        sink.accept(new GenericDomainEventMessage<>(stream.type, stream.id, stream.next++, payload, meta, uuid(), at));
        events++;
    }

    private Duration minutes(int from, int to) {
        return Duration.ofMinutes(from + rng.nextInt(to - from)).plusSeconds(rng.nextInt(60));
    }

    /** 0 with probability a, 1 with probability b, else 2. */
    private int pick(double a, double b) {
        double u = rng.nextDouble();
        return u < a ? 0 : u < a + b ? 1 : 2;
    }

    private String uuid() {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
