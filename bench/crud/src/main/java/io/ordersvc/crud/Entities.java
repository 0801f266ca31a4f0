package io.ordersvc.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** The baseline's tables, as a JPA service would have them. */
final class Entities {

    private Entities() {
    }

    @Entity
    @Table(name = "product")
    static class Product {
        @Id
        String id;
        String shopId;
        String name;
    }

    @Entity
    @Table(name = "sku")
    static class Sku {
        @Id
        String id;
        String productId;
        String shopId;
        String skuCode;
        BigDecimal price;
        long stock;
    }

    @Entity
    @Table(name = "orders", indexes = @Index(columnList = "buyerId"))
    static class Order {
        @Id
        String id;
        String orderNo;
        String buyerId;
        String shopId;
        String status;
        BigDecimal goodsAmount;
        BigDecimal payAmount;
        String receiverName;
        String receiverPhone;
        String receiverAddress;
        String transactionNo;
        String channel;
        Instant createdAt;
        Instant payableUntil;
        Instant paidAt;
        Instant shippedAt;
        Instant completedAt;
        @Version
        long version;
    }

    @Entity
    @Table(name = "order_line", indexes = @Index(columnList = "orderId"))
    static class OrderLine {
        @Id
        String id;
        String orderId;
        String skuId;
        String productId;
        BigDecimal price;
        int quantity;
        BigDecimal amount;
    }

    @Entity
    @Table(name = "shipment")
    static class Shipment {
        @Id
        String id;
        String orderId;
        String carrierCode;
        String carrierName;
        String trackingNo;
        Instant shippedAt;
    }

    @Entity
    @Table(name = "order_log", indexes = @Index(columnList = "orderId"))
    static class OrderLog {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String orderId;
        String action;
        String actorId;
        String actorRole;
        @Column(length = 500)
        String message;
        Instant at;
    }
}
