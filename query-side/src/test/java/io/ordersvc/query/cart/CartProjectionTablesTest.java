package io.ordersvc.query.cart;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.cart.CartEvent.CartItemAdded;
import io.ordersvc.shared.cart.CartEvent.CartItemQuantityChanged;
import io.ordersvc.shared.cart.CartEvent.CartItemRemoved;
import io.ordersvc.shared.cart.CartEvent.CartItemsCheckedOut;
import io.ordersvc.shared.cart.CartEvent.CartItemsSelected;
import io.ordersvc.shared.money.Money;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** cart_view, fed events and read with JDBC: no application context. */
class CartProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static ReadModelDatabase db;
    static CartProjection projection;

    final String buyer = "buyer-" + UUID.randomUUID();

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_carts_test");
        projection = new CartProjection(db.jdbc);
    }

    CartItemAdded added(String itemId, String sku, int quantity, int second) {
        return new CartItemAdded(buyer, itemId, sku, "p-" + sku, "shop-1", quantity, Money.of("9.90"),
                T0.plusSeconds(second));
    }

    List<CartProjection.StoredItem> items() {
        return JsonText.read(db.jdbc.queryForObject("SELECT items FROM cart_view WHERE buyer_id = ?", String.class,
                buyer), CartProjection.ITEMS);
    }

    long version() {
        return db.jdbc.queryForObject("SELECT version FROM cart_view WHERE buyer_id = ?", Long.class, buyer);
    }

    @Test
    void the_row_follows_adds_changes_selections_removals_and_checkouts_newest_last() {
        db.batch(() -> {
            projection.on(added("i-1", "s-1", 2, 0), 0);
            projection.on(added("i-2", "s-2", 1, 1), 1);
            projection.on(added("i-3", "s-3", 1, 2), 2);
        });
        db.batch(() -> projection.on(new CartItemQuantityChanged(buyer, "i-1", 5, T0.plusSeconds(3)), 3));
        db.batch(() -> projection.on(new CartItemsSelected(buyer, List.of("i-2", "i-3"), false, T0), 4));
        db.batch(() -> projection.on(new CartItemRemoved(buyer, "i-3", T0), 5));

        assertThat(items()).extracting(i -> i.itemId() + "/" + i.quantity() + "/" + i.selected())
                .containsExactly("i-1/5/true", "i-2/1/false");
        assertThat(items().get(0).priceWhenAdded()).isEqualTo(Money.of("9.90"));
        assertThat(version()).isEqualTo(5);

        db.batch(() -> projection.on(new CartItemsCheckedOut(buyer, List.of("i-1"), "pay-1", T0), 6));
        assertThat(items()).extracting(CartProjection.StoredItem::itemId).containsExactly("i-2");
        assertThat(version()).isEqualTo(6);
    }

    @Test
    void replayed_events_change_nothing() {
        db.batch(() -> projection.on(added("i-1", "s-1", 2, 0), 0));
        db.batch(() -> projection.on(new CartItemQuantityChanged(buyer, "i-1", 4, T0), 1));
        db.batch(() -> {
            projection.on(added("i-1", "s-1", 2, 0), 0);
            projection.on(new CartItemQuantityChanged(buyer, "i-1", 4, T0), 1);
            projection.on(new CartItemQuantityChanged(buyer, "i-1", 3, T0), 1);
        });
        assertThat(items()).extracting(CartProjection.StoredItem::quantity).containsExactly(4);
        assertThat(version()).isEqualTo(1);
    }
}
