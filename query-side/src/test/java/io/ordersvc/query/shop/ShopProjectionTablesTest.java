package io.ordersvc.query.shop;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.shared.shop.ShopEvent.ShopProfileSaved;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** shop_view, fed events and read with JDBC: the last save wins, a replay changes nothing. */
class ShopProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static ReadModelDatabase db;
    static ShopProjection projection;

    final String shop = "shop-" + UUID.randomUUID();

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_shops_test");
        projection = new ShopProjection(db.jdbc);
    }

    void feedAll() {
        db.batch(() -> projection.on(new ShopProfileSaved(shop, "旧名", "400-1", List.of(), "seller-1", T0), 0));
        db.batch(() -> projection.on(new ShopProfileSaved(shop, "新名", "400-2", List.of(new ReturnAddress("a-1",
                "退货组", "021-1", "上海市", true)), "seller-1", T0), 1));
    }

    @Test
    void the_last_save_is_the_profile_and_a_replay_changes_nothing() {
        feedAll();
        feedAll();
        var row = db.row("SELECT name, service_phone, return_addresses, version FROM shop_view WHERE shop_id = ?",
                shop);
        assertThat(row).containsEntry("name", "新名").containsEntry("service_phone", "400-2");
        assertThat((String) row.get("return_addresses")).contains("\"default\":true", "上海市");
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(1);
    }
}
