package io.ordersvc.query.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "product_view")
class ProductViewEntity {
    @Id
    String productId;
    String shopId;
    String name;
    String imageUrl;
    String categoryId;
    String productType;
    boolean onShelf;
    int purchaseLimit;
    String freightTemplateId;
    BigDecimal unifiedShippingFee;
    Instant ticketValidFrom;
    Instant ticketValidUntil;
    Instant createdAt;
    Instant updatedAt;
    long version;
}
