package io.ordersvc.command.catalog;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.money.Money;

import java.util.Optional;

/**
 * A SKU's price and shelf as the product's last event left them, read without loading (and locking) the product:
 * what a cart records when an item is put in it. Buying still goes through the product, which decides.
 */
@FeatureApi
@FunctionalInterface
public interface SellingTerms {

    record Terms(String skuId, String productId, String shopId, String productName, Money price, boolean onShelf) {
    }

    /** Empty for an unknown SKU, or one indexed before the index held terms (ask the product then). */
    Optional<Terms> terms(String skuId);
}
