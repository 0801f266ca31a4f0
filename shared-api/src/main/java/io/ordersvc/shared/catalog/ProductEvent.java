package io.ordersvc.shared.catalog;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

public sealed interface ProductEvent {

    String productId();

    /**
     * Revision 2 holds the selling terms ({@link ProductSettings}, the SKUs' weight and points terms); revision 1 had
     * only {@code freightTemplateId}, read as the defaults by ProductEventUpcasters.
     */
    @Revision("2")
    record ProductCreated(String productId, String shopId, String name, String imageUrl, ProductSettings settings,
                          List<SkuSpec> skus, Instant createdAt) implements ProductEvent {
    }

    /** PATCH: the product's name, image and terms, and every SKU's terms, as the edit leaves them. */
    record ProductEdited(String productId, String name, String imageUrl, ProductSettings settings,
                         List<SkuTerms> skus, Instant editedAt) implements ProductEvent {
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
