package io.ordersvc.shared.catalog;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One product, as the caller may see it (cost prices only for its shop's seller and admins). */
public record ProductQuery(String productId, Actor actor) {

    /** The catalog, newest first: optionally one shop's, optionally names containing a text (any case). */
    public record ListProducts(String shopId, String name, int page, int size, Actor actor) {
    }

    public record ProductView(String productId, String shopId, String name, String imageUrl, String freightTemplateId,
                              List<SkuView> skus, Instant createdAt, long version) {
    }

    /** costPrice: null unless the caller is the product's shop's seller or an admin. */
    public record SkuView(String skuId, String skuCode, Map<String, String> properties, Money price, Money costPrice,
                          Long pointsPrice, long stock) {
    }

    public record ProductPage(List<ProductView> items, int page, int size, long total, int totalPages) {

        public static ProductPage of(List<ProductView> items, int page, int size, long total) {
            return new ProductPage(items, page, size, total, (int) ((total + size - 1) / size));
        }
    }
}
