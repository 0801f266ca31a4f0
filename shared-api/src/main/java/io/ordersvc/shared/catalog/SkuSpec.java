package io.ordersvc.shared.catalog;

import io.ordersvc.shared.money.Money;

import java.util.Map;

/** A SKU as created: what the catalog sells, at which price, with how much stock. */
public record SkuSpec(String skuId, String skuCode, Map<String, String> properties, Money price, Money costPrice,
                      Long pointsPrice, long stock) {
}
