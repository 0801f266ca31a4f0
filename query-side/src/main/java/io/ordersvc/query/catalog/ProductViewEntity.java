package io.ordersvc.query.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "product_view")
class ProductViewEntity {
    @Id
    String productId;
    String shopId;
    String name;
    String imageUrl;
    String freightTemplateId;
    Instant createdAt;
    long version;
}
