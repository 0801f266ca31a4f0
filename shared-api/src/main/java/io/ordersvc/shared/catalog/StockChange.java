package io.ordersvc.shared.catalog;

/** One SKU's stock movement; availableAfter lets a projection assign instead of recompute. */
public record StockChange(String skuId, int quantity, long availableAfter) {
}
