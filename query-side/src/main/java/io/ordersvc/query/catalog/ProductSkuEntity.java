package io.ordersvc.query.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

@Entity
@Table(name = "product_sku_view")
class ProductSkuEntity {
    @Id
    String skuId;
    String productId;
    int position;
    String skuCode;
    String properties;
    BigDecimal price;
    BigDecimal costPrice;
    Long pointsPrice;
    long stock;
    long weightGrams;
    BigDecimal pointsDeductible;
    long givePoints;
    /** The product's event sequence number this row last took a change from (replays at or below it are skipped). */
    long version;
}
