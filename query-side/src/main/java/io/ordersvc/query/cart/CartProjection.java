package io.ordersvc.query.cart;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.cart.CartEvent;
import io.ordersvc.shared.cart.CartEvent.CartItemAdded;
import io.ordersvc.shared.cart.CartEvent.CartItemQuantityChanged;
import io.ordersvc.shared.cart.CartEvent.CartItemRemoved;
import io.ordersvc.shared.cart.CartEvent.CartItemsCheckedOut;
import io.ordersvc.shared.cart.CartEvent.CartItemsSelected;
import io.ordersvc.shared.money.Money;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** cart_view, in the catalog's processing group: a cart's events are few per buyer and per order. */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class CartProjection {

    /** An item as cart_view stores it. */
    record StoredItem(String itemId, String skuId, String productId, String shopId, int quantity,
                      Money priceWhenAdded, boolean selected, Instant addedAt) {

        StoredItem withQuantity(int value) {
            return new StoredItem(itemId, skuId, productId, shopId, value, priceWhenAdded, selected, addedAt);
        }

        StoredItem withSelected(boolean value) {
            return new StoredItem(itemId, skuId, productId, shopId, quantity, priceWhenAdded, value, addedAt);
        }
    }

    static final TypeReference<List<StoredItem>> ITEMS = new TypeReference<>() {
    };

    private final BatchTable<CartViewEntity> carts;

    CartProjection(JdbcTemplate jdbc) {
        this.carts = new BatchTable<>(jdbc, Mapping.of(CartViewEntity.class));
    }

    @EventHandler
    void on(CartItemAdded e, @SequenceNumber long sequence) {
        change(e, sequence, e.addedAt(), items -> {
            items.add(new StoredItem(e.itemId(), e.skuId(), e.productId(), e.shopId(), e.quantity(),
                    e.priceWhenAdded(), true, e.addedAt()));
            return items;
        });
    }

    @EventHandler
    void on(CartItemQuantityChanged e, @SequenceNumber long sequence) {
        change(e, sequence, e.at(), items -> map(items, Set.of(e.itemId()), i -> i.withQuantity(e.quantity())));
    }

    @EventHandler
    void on(CartItemsSelected e, @SequenceNumber long sequence) {
        change(e, sequence, e.at(), items -> map(items, new HashSet<>(e.itemIds()),
                i -> i.withSelected(e.selected())));
    }

    @EventHandler
    void on(CartItemRemoved e, @SequenceNumber long sequence) {
        change(e, sequence, e.at(), items -> {
            items.removeIf(i -> i.itemId().equals(e.itemId()));
            return items;
        });
    }

    @EventHandler
    void on(CartItemsCheckedOut e, @SequenceNumber long sequence) {
        Set<String> gone = new HashSet<>(e.itemIds());
        change(e, sequence, e.at(), items -> {
            items.removeIf(i -> gone.contains(i.itemId()));
            return items;
        });
    }

    private static List<StoredItem> map(List<StoredItem> items, Set<String> ids, UnaryOperator<StoredItem> change) {
        List<StoredItem> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(ids.contains(i.itemId()) ? change.apply(i) : i));
        return out;
    }

    /** Applies an event once: a row at or past its sequence has seen it (a replay changes nothing). */
    private void change(CartEvent e, long sequence, Instant at, UnaryOperator<List<StoredItem>> change) {
        CartViewEntity row = carts.find(e.buyerId()).orElse(null);
        if (row == null) {
            row = new CartViewEntity();
            row.buyerId = e.buyerId();
            row.items = JsonText.write(change.apply(new ArrayList<>()));
            row.updatedAt = at;
            row.version = sequence;
            carts.insert(row);
        } else if (row.version < sequence) {
            row.items = JsonText.write(change.apply(new ArrayList<>(JsonText.read(row.items, ITEMS))));
            row.updatedAt = at;
            row.version = sequence;
            carts.changed(row);
        }
    }

    @ResetHandler
    void reset() {
        carts.deleteAll();
    }
}
