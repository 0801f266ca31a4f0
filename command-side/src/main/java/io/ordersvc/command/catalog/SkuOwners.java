package io.ordersvc.command.catalog;

import io.ordersvc.platform.FeatureApi;
import java.util.Collection;
import java.util.Map;

/** Which product (and shop) each SKU belongs to: what an order placed with nothing but SKU ids needs first. */
@FeatureApi
@FunctionalInterface
public interface SkuOwners {

    record Owner(String productId, String shopId) {
    }

    /** The owners of the SKUs that exist; unknown ids are absent from the answer. */
    Map<String, Owner> owners(Collection<String> skuIds);
}
