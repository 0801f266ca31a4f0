package io.ordersvc.shared.cart;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** What happens to a cart. Every event names its buyer, so a projection keys the buyer's cart without lookups. */
public sealed interface CartEvent {

    String buyerId();

    /** priceWhenAdded: the SKU's price as the buyer saw it (the cart marks a change since as price_changed). */
    record CartItemAdded(String buyerId, String itemId, String skuId, String productId, String shopId, int quantity,
                         Money priceWhenAdded, Instant addedAt) implements CartEvent {
    }

    record CartItemQuantityChanged(String buyerId, String itemId, int quantity, Instant at) implements CartEvent {
    }

    record CartItemsSelected(String buyerId, List<String> itemIds, boolean selected, Instant at)
            implements CartEvent {
    }

    record CartItemRemoved(String buyerId, String itemId, Instant at) implements CartEvent {
    }

    /** The items a checkout bought leave the cart in the same transaction as the orders that hold them. */
    record CartItemsCheckedOut(String buyerId, List<String> itemIds, String payNo, Instant at) implements CartEvent {
    }
}
