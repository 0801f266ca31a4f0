package io.ordersvc.shared.catalog;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One product, as the caller may see it (cost prices only for its shop's seller and admins). */
public record ProductQuery(String productId, Actor actor) {

    /**
     * The catalog, newest first: optionally one shop's, one category's, on or off shelf, names containing a text (any
     * case).
     */
    public record ListProducts(String shopId, String categoryId, Boolean onShelf, String name, int page, int size,
                               Actor actor) {
    }

    public record ProductView(String productId, String shopId, String name, String imageUrl, String categoryId,
                              ProductType productType, boolean onShelf, int purchaseLimit, String freightTemplateId,
                              Money unifiedShippingFee, Instant ticketValidFrom, Instant ticketValidUntil,
                              List<SkuView> skus, Instant createdAt, Instant updatedAt, long version) {
    }

    /** costPrice: null unless the caller is the product's shop's seller or an admin. */
    public record SkuView(String skuId, String skuCode, Map<String, String> properties, Money price, Money costPrice,
                          Long pointsPrice, long stock, long weightGrams, Money pointsDeductible, long givePoints) {
    }

    /** The selling terms of some SKUs now (what a cart prices its items with); unknown ids are left out. */
    public record SkuTermsQuery(List<String> skuIds) {
    }

    /** stock: units available now; onShelf and purchaseLimit are the product's. */
    public record SkuTermsView(String skuId, String productId, String shopId, String name, String imageUrl,
                               Map<String, String> properties, Money price, long stock, boolean onShelf,
                               int purchaseLimit) {
    }

    public record SkuTermsList(List<SkuTermsView> skus) {
    }

    public record ProductPage(List<ProductView> items, int page, int size, long total, int totalPages) {

        public static ProductPage of(List<ProductView> items, int page, int size, long total) {
            return new ProductPage(items, page, size, total, (int) ((total + size - 1) / size));
        }
    }
}
