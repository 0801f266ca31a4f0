package io.ordersvc.shared.order;

import io.ordersvc.shared.money.Money;

import java.util.Map;

/** A line as sold: names, properties and prices are snapshots taken from the catalog when the order was placed. */
public record OrderLine(String lineId, String productId, String skuId, String skuCode, String productName,
                        String imageUrl, Map<String, String> properties, Money unitPrice, Long pointsPrice,
                        int quantity, Money lineTotal) {
}
