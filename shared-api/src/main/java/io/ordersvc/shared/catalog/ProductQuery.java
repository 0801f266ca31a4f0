package io.ordersvc.shared.catalog;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record ProductQuery(String productId) {

    public record ProductView(String productId, String shopId, String name, String imageUrl, String freightTemplateId,
                              List<SkuView> skus, Instant createdAt, long version) {
    }

    public record SkuView(String skuId, String skuCode, Map<String, String> properties, Money price, Money costPrice,
                          Long pointsPrice, long stock) {
    }
}
