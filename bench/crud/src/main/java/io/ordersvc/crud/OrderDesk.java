package io.ordersvc.crud;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The four calls and product creation, each one transaction, as a JPA service writes them. */
@Service
class OrderDesk {

    record SkuSpec(String skuCode, BigDecimal price, long stock) {
    }

    record CreateProduct(String name, List<SkuSpec> skus) {
    }

    record CreatedSku(String skuId, String skuCode, String price, long stock) {
    }

    record ProductCreated(String productId, String shopId, List<CreatedSku> skus, long version) {
    }

    record Item(String skuId, int quantity) {
    }

    record Receiver(String name, String phone, String province, String city, String district, String address) {
    }

    record Place(List<Item> items, Receiver receiver) {
    }

    /**
     * The service's answer to a placement, field for field (docs/api.md), so that both services write and the load
     * generator reads the same JSON. Amounts as strings with two decimals, as the service writes money. This flow
     * has no discounts, fees, points or other means of payment: those parts are zero, and the order is paid by its
     * own number.
     */
    record Placement(String orderId, String orderNo, String shopId, String status, String goodsAmount,
                     String shippingFee, String discountAmount, String payAmount, long pointsAmount,
                     long pointsEarned, Instant payableUntil, Instant createdAt, Price price, String payNo,
                     long version) {
    }

    record Price(String goodsAmount, String memberDiscount, String promotionDiscount, String couponDiscount,
                 String sellerAdjustment, String shippingFee, String shippingDiscount, String invoiceFee,
                 String totalAmount, long pointsUsed, String pointsAmount, String balanceAmount,
                 String giftCardAmount, String payAmount, long pointsEarned) {

        static Price of(String goods) {
            return new Price(goods, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, goods, 0, ZERO, ZERO, ZERO, goods, 0);
        }
    }

    private static final String ZERO = "0.00";

    record Pay(String amount, String channel, String transactionNo) {
    }

    record Ship(String carrierCode, String carrierName, String trackingNo) {
    }

    record Ack(String orderId, String status, long version) {
    }

    /** The service's answer to a payment: the order's status and version, and the payment it recorded. */
    record Paid(String orderId, String status, long version, Payment payment) {
    }

    record Payment(String transactionNo, String amount, String channel, Instant paidAt) {
    }

    record ShipmentAck(String shipmentId, String orderId, String status, long version) {
    }

    private static final DateTimeFormatter NUMBER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private final AtomicLong counter = new AtomicLong();
    private final Repositories.Products products;
    private final Repositories.Skus skus;
    private final Repositories.Orders orders;
    private final Repositories.OrderLines lines;
    private final Repositories.Shipments shipments;
    private final Repositories.OrderLogs logs;
    private final Clock clock = Clock.systemUTC();

    OrderDesk(Repositories.Products products, Repositories.Skus skus, Repositories.Orders orders,
              Repositories.OrderLines lines, Repositories.Shipments shipments, Repositories.OrderLogs logs) {
        this.products = products;
        this.skus = skus;
        this.orders = orders;
        this.lines = lines;
        this.shipments = shipments;
        this.logs = logs;
    }

    @Transactional
    ProductCreated createProduct(Jwt seller, CreateProduct body) {
        var product = new Entities.Product();
        product.id = UUID.randomUUID().toString();
        product.shopId = seller.getClaimAsString("shop_id");
        product.name = body.name();
        products.save(product);
        List<CreatedSku> created = new ArrayList<>();
        for (SkuSpec spec : body.skus()) {
            var sku = new Entities.Sku();
            sku.id = UUID.randomUUID().toString();
            sku.productId = product.id;
            sku.shopId = product.shopId;
            sku.skuCode = spec.skuCode();
            sku.price = spec.price();
            sku.stock = spec.stock();
            skus.save(sku);
            created.add(new CreatedSku(sku.id, sku.skuCode, sku.price.toPlainString(), sku.stock));
        }
        return new ProductCreated(product.id, product.shopId, created, 0);
    }

    @Transactional
    Placement place(Jwt buyer, Place body) {
        Map<String, Entities.Sku> known = skus.findAllById(body.items().stream().map(Item::skuId).distinct().toList())
                .stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        Instant now = clock.instant();
        var order = new Entities.Order();
        order.id = UUID.randomUUID().toString();
        order.orderNo = NUMBER.format(now) + String.format("%06d", counter.incrementAndGet() % 1_000_000);
        order.buyerId = buyer.getSubject();
        order.status = "pending_payment";
        order.createdAt = now;
        order.payableUntil = now.plus(Duration.ofHours(24));
        order.receiverName = body.receiver().name();
        order.receiverPhone = body.receiver().phone();
        order.receiverAddress = body.receiver().province() + body.receiver().city() + body.receiver().district()
                + body.receiver().address();
        BigDecimal goods = BigDecimal.ZERO;
        List<Entities.OrderLine> placed = new ArrayList<>();
        // stock reserved in one order of SKUs, so two orders of the same SKUs never wait for each other (deadlock)
        for (Item item : body.items().stream().sorted(Comparator.comparing(Item::skuId)).toList()) {
            Entities.Sku sku = known.get(item.skuId());
            if (sku == null) {
                throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "SKU_NOT_FOUND");
            }
            if (skus.reserve(sku.id, item.quantity()) == 0) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "OUT_OF_STOCK");
            }
            order.shopId = sku.shopId;
            var line = new Entities.OrderLine();
            line.id = UUID.randomUUID().toString();
            line.orderId = order.id;
            line.skuId = sku.id;
            line.productId = sku.productId;
            line.price = sku.price;
            line.quantity = item.quantity();
            line.amount = sku.price.multiply(BigDecimal.valueOf(item.quantity()));
            goods = goods.add(line.amount);
            placed.add(line);
        }
        order.goodsAmount = goods;
        order.payAmount = goods;
        orders.save(order);
        lines.saveAll(placed);
        log(order, "place", buyer, "buyer", "order placed");
        String amount = money(goods);
        return new Placement(order.id, order.orderNo, order.shopId, order.status, amount, ZERO, ZERO, amount, 0, 0,
                order.payableUntil, now, Price.of(amount), order.orderNo, 0);
    }

    @Transactional
    Paid pay(Jwt gateway, String orderId, Pay body) {
        Entities.Order order = order(orderId);
        if (body.transactionNo().equals(order.transactionNo)) {
            return paid(order);
        }
        if (!"pending_payment".equals(order.status)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "ORDER_NOT_PAYABLE");
        }
        if (new BigDecimal(body.amount()).compareTo(order.payAmount) != 0) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "AMOUNT_MISMATCH");
        }
        order.status = "to_ship";
        order.transactionNo = body.transactionNo();
        order.channel = body.channel();
        order.paidAt = clock.instant();
        log(order, "pay", gateway, "system", "paid " + body.amount() + " by " + body.channel());
        saved(order);
        return paid(order);
    }

    private static Paid paid(Entities.Order order) {
        return new Paid(order.id, order.status, order.version,
                new Payment(order.transactionNo, money(order.payAmount), order.channel, order.paidAt));
    }

    /** Money as the service writes it: a string with two decimals. */
    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    @Transactional
    ShipmentAck ship(Jwt seller, String orderId, Ship body) {
        Entities.Order order = order(orderId);
        if (!order.shopId.equals(seller.getClaimAsString("shop_id"))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "ORDER_NOT_FOUND");
        }
        if (!"to_ship".equals(order.status)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "ORDER_NOT_SHIPPABLE");
        }
        var shipment = new Entities.Shipment();
        shipment.id = UUID.randomUUID().toString();
        shipment.orderId = order.id;
        shipment.carrierCode = body.carrierCode();
        shipment.carrierName = body.carrierName();
        shipment.trackingNo = body.trackingNo();
        shipment.shippedAt = clock.instant();
        shipments.save(shipment);
        order.status = "shipped";
        order.shippedAt = shipment.shippedAt;
        log(order, "ship", seller, "seller", "shipped by " + body.carrierName() + " " + body.trackingNo());
        Ack ack = saved(order);
        return new ShipmentAck(shipment.id, ack.orderId(), ack.status(), ack.version());
    }

    @Transactional
    Ack confirmReceipt(Jwt buyer, String orderId) {
        Entities.Order order = order(orderId);
        if (!order.buyerId.equals(buyer.getSubject())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "ORDER_NOT_FOUND");
        }
        if (!"shipped".equals(order.status)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "ORDER_NOT_RECEIVABLE");
        }
        order.status = "completed";
        order.completedAt = clock.instant();
        log(order, "confirm_receipt", buyer, "buyer", "receipt confirmed");
        return saved(order);
    }

    private Entities.Order order(String orderId) {
        return orders.findById(orderId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "ORDER_NOT_FOUND"));
    }

    /** Flushed here, so the answer carries the version the UPDATE wrote. */
    private Ack saved(Entities.Order order) {
        orders.saveAndFlush(order);
        return new Ack(order.id, order.status, order.version);
    }

    private void log(Entities.Order order, String action, Jwt actor, String role, String message) {
        var entry = new Entities.OrderLog();
        entry.orderId = order.id;
        entry.action = action;
        entry.actorId = actor.getSubject();
        entry.actorRole = role;
        entry.message = message;
        entry.at = clock.instant();
        logs.save(entry);
    }
}
