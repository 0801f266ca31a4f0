package io.ordersvc.shared.catalog;

import io.ordersvc.shared.money.Money;

import java.time.Instant;

/**
 * A product's selling terms; its SKUs inherit them (API.md "Catalog additions"). A product ships by its freight
 * template, or else for its unified fee (null: free).
 *
 * @param purchaseLimit units of the product one order may hold (003 purchase_sum); 0: no limit
 */
public record ProductSettings(String categoryId, ProductType productType, boolean onShelf, int purchaseLimit,
                              String freightTemplateId, Money unifiedShippingFee, Instant ticketValidFrom,
                              Instant ticketValidUntil) {

    public static final ProductSettings DEFAULT = new ProductSettings(null, ProductType.PHYSICAL, true, 0, null, null,
            null, null);

    public ProductSettings {
        productType = productType == null ? ProductType.PHYSICAL : productType;
    }

    /** The settings a product created before they existed had (see ProductEventUpcasters). */
    public static ProductSettings shippedBy(String freightTemplateId) {
        return new ProductSettings(null, ProductType.PHYSICAL, true, 0, freightTemplateId, null, null, null);
    }
}
