package io.ordersvc.shared.catalog;

import java.time.Instant;
import java.util.List;

public sealed interface ProductEvent {

    String productId();

    record ProductCreated(String productId, String shopId, String name, String imageUrl, String freightTemplateId,
                          List<SkuSpec> skus, Instant createdAt) implements ProductEvent {
    }

    record StockAdjusted(String productId, String skuId, long delta, long availableAfter, Instant adjustedAt)
            implements ProductEvent {
    }

    /** Stock taken by an order when it is placed, in the same transaction as the order. */
    record StockReserved(String productId, String orderId, List<StockChange> items) implements ProductEvent {
    }

    /** Stock given back: the order was cancelled (later also: expired, refunded before shipping). */
    record StockReleased(String productId, String orderId, List<StockChange> items, String reason)
            implements ProductEvent {
    }
}
