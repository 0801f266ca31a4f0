package io.ordersvc.query.order;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive over HTTP: finished orders leave the hot list for the history list (buyer, shop, admin scopes; a
 * buyer's hidden ones not listed, even when hidden after archiving), their detail and log are still there (folded
 * from their events, the same as before), unfinished ones stay, the counts lose them once, and two sweeps at once
 * archive each order once.
 */
class OrderArchiveIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyerId = uniqueId("buyer");
    final String buyer = token(buyerId, "buyer");
    final String admin = token("admin-archive", "admin");

    @Autowired
    OrderArchive archive;

    @Test
    void finished_orders_move_to_the_history_and_keep_their_detail() {
        Api.Sku sku = api.createProduct(seller, "归档茶壶", "18.00", 20).get(0);
        String cancelled = api.placeOrder(buyer, sku.skuId(), 2).expect(201).text("order_id");
        api.post("/api/v1/orders/" + cancelled + "/cancel", buyer, Map.of("reason", "不想要了")).expect(200);
        String hidden = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.post("/api/v1/orders/" + hidden + "/cancel", buyer, Map.of("reason", "不想要了")).expect(200);
        api.delete("/api/v1/orders/" + hidden, buyer).expect(200);
        String open = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(open, "18.00", "tx-" + open).expect(200);
        JsonNode before = api.order(cancelled, buyer, 1);
        api.order(hidden, buyer, 2);
        api.order(open, buyer, 1);
        long cancelledBefore = api.get("/api/v1/orders/status-counts", admin).expect(200).body().path("cancelled")
                .asLong();

        assertThat(archive.sweep(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(2);

        for (String table : List.of("order_line_view", "order_log_entry", "order_receiver_token", "order_search")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE order_id = ?", Long.class,
                    cancelled)).as(table + " keeps nothing of an archived order").isZero();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_search WHERE order_id = ?", Long.class, open))
                .as("an open order's search row stays").isEqualTo(1);
        JsonNode list = api.get("/api/v1/orders", buyer).expect(200).body();
        assertThat(list.path("items")).extracting(o -> o.path("order_id").asString()).containsExactly(open);
        JsonNode history = api.get("/api/v1/orders/history", buyer).expect(200).body();
        assertThat(history.path("total").asLong()).as("the hidden one is not listed").isEqualTo(1);
        JsonNode item = history.path("items").get(0);
        assertThat(item.path("order_id").asString()).isEqualTo(cancelled);
        assertThat(item.path("order_no").asString()).isEqualTo(before.path("order_no").asString());
        assertThat(item.path("status").asString()).isEqualTo("cancelled");
        assertThat(item.path("pay_amount").asString()).isEqualTo("36.00");
        assertThat(item.path("goods_names").get(0).asString()).isEqualTo("归档茶壶");
        assertThat(item.has("channel")).isTrue();
        assertThat(api.get("/api/v1/orders/history", seller).expect(200).body().path("total").asLong())
                .as("the shop sees both").isEqualTo(2);
        assertThat(api.get("/api/v1/orders/history?shop_id=" + shop, admin).expect(200).body().path("total")
                .asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/orders/history", token(uniqueId("buyer"), "buyer")).expect(200).body()
                .path("total").asLong()).isZero();

        // The detail is folded from the events now: the same answer as from the hot tables.
        assertThat(api.get("/api/v1/orders/" + cancelled, buyer).expect(200).body()).isEqualTo(before);
        assertThat(api.get("/api/v1/orders/" + cancelled + "?min_version=1", buyer).expect(200)
                .header("X-Read-Model-Stale")).isNull();
        assertThat(api.get("/api/v1/orders/" + cancelled + "/log", buyer).expect(200).body()).hasSize(2);
        assertThat(api.get("/api/v1/orders/" + cancelled + "?at_version=0", buyer).expect(200).body()
                .path("status").asString()).isEqualTo("pending_payment");
        api.get("/api/v1/orders/" + cancelled, token(uniqueId("buyer"), "buyer")).expectProblem(404, "ORDER_NOT_FOUND");
        // An archived row whose events are not in the store (a bulk copy, a pruned store) is not found, not a 500.
        String orphan = java.util.UUID.randomUUID().toString();
        jdbc.update("INSERT INTO order_history (order_id, order_no, buyer_id, shop_id, status, created_at, pay_amount,"
                + " goods_names, finished_at, archived_at, deleted_by_buyer) VALUES (?, '1', ?, ?, 'cancelled',"
                + " CURRENT_TIMESTAMP, 0, 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE)", orphan, buyerId, shop);
        api.get("/api/v1/orders/" + orphan, buyer).expectProblem(404, "ORDER_NOT_FOUND");
        jdbc.update("DELETE FROM order_history WHERE order_id = ?", orphan);
        assertThat(api.get("/api/v1/orders/status-counts", admin).expect(200).body().path("cancelled").asLong())
                .isLessThanOrEqualTo(cancelledBefore - 2);

        // Hidden after it was archived: gone from the buyer's history too.
        api.delete("/api/v1/orders/" + cancelled, buyer).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> api.get(
                "/api/v1/orders/history", buyer).expect(200).body().path("total").asLong() == 0);
        assertThat(api.get("/api/v1/orders/" + cancelled, buyer).expect(200).body().path("deleted_by_buyer")
                .asBoolean()).isTrue();
    }

    @Test
    void two_sweeps_at_once_archive_each_order_once() {
        Api.Sku sku = api.createProduct(seller, "归档杯", "5.00", 50).get(0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            api.post("/api/v1/orders/" + id + "/cancel", buyer, Map.of("reason", "不想要了")).expect(200);
            ids.add(id);
        }
        ids.forEach(id -> api.order(id, buyer, 1));
        long cancelledBefore = api.get("/api/v1/orders/status-counts", admin).expect(200).body().path("cancelled")
                .asLong();
        Instant cutoff = Instant.now().plusSeconds(60);
        java.sql.Timestamp before = java.sql.Timestamp.from(cutoff);
        long finished = jdbc.queryForObject("SELECT count(*) FROM order_view WHERE finished_at < ?", Long.class,
                before);
        long hotCancelled = jdbc.queryForObject("SELECT count(*) FROM order_view WHERE finished_at < ?"
                + " AND status = 'cancelled'", Long.class, before);
        var first = CompletableFuture.supplyAsync(() -> archive.sweep(cutoff));
        var second = CompletableFuture.supplyAsync(() -> archive.sweep(cutoff));
        assertThat(first.join() + second.join()).as("each finished order once").isEqualTo(finished);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_history WHERE buyer_id = ?", Long.class, buyerId))
                .isEqualTo(6);
        assertThat(api.get("/api/v1/orders/status-counts", admin).expect(200).body().path("cancelled").asLong())
                .isEqualTo(cancelledBefore - hotCancelled);
    }
}
