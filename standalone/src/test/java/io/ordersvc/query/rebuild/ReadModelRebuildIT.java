package io.ordersvc.query.rebuild;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Online rebuilds on PostgreSQL: the shadow replays while the live tables answer, the swap brings in rows equal to
 * the live ones (index names kept, schemas dropped), the processor goes on from the swapped token with nothing
 * handled twice; a rebuild left by a dead instance resumes from its own token; the refusals.
 */
class ReadModelRebuildIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");
    final String admin = token("admin-rebuild", "admin");

    @Autowired
    ReadModelRebuilds rebuilds;

    @Autowired
    EventProcessingConfiguration processing;

    /** What this test's orders look like in the orders processor's tables, to compare before and after. */
    private Map<String, String> orderRows() {
        String mine = "(SELECT order_id FROM order_view WHERE shop_id = '" + shop + "')";
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : List.of("order_view", "order_line_view", "order_shipment_view", "order_log_entry",
                "refund_view", "ticket_view")) {
            sums.put(table, jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|'"
                    + " ORDER BY x::text), '')) FROM " + table + " x WHERE order_id IN " + mine, String.class));
        }
        sums.put("analytics_daily", jdbc.queryForObject("SELECT md5(coalesce(string_agg(x::text, '|'"
                + " ORDER BY x::text), '')) FROM analytics_daily x WHERE shop_id = ?", String.class, shop));
        return sums;
    }

    private Map<String, String> productRows(String productId) {
        return Map.of("product_view", jdbc.queryForObject("SELECT md5(string_agg(x::text, '|' ORDER BY x::text))"
                        + " FROM product_view x WHERE product_id = ?", String.class, productId),
                "product_sku_view", jdbc.queryForObject("SELECT md5(string_agg(x::text, '|' ORDER BY x::text))"
                        + " FROM product_sku_view x WHERE product_id = ?", String.class, productId));
    }

    private JsonNode awaitDone(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> !"replaying"
                .equals(api.get("/api/v1/admin/rebuilds/" + id, admin).expect(200).text("status")));
        JsonNode done = api.get("/api/v1/admin/rebuilds/" + id, admin).expect(200).body();
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        return done;
    }

    @Test
    void the_rebuilt_tables_equal_the_live_ones_and_the_processor_goes_on_from_the_swap() {
        assumeTrue(TestDatabase.postgres(), "an online rebuild keeps its shadow in a PostgreSQL schema");
        Api.Sku sku = api.createProduct(seller, "重建杯", "12.00", 20).get(0);
        String paid = api.placeOrder(buyer, sku.skuId(), 2).expect(201).text("order_id");
        api.pay(paid, "24.00", "tx-" + paid).expect(200);
        String cancelled = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.post("/api/v1/orders/" + cancelled + "/cancel", buyer, Map.of("reason", "不想要了")).expect(200);
        api.order(paid, buyer, 1);
        api.order(cancelled, buyer, 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !jdbc.queryForList(
                "SELECT 1 FROM analytics_daily WHERE shop_id = ? AND cancelled > 0", Integer.class, shop).isEmpty());
        Map<String, String> before = orderRows();

        Api.Response started = api.post("/api/v1/admin/processors/orders/rebuild", admin, null).expect(202);
        String id = started.text("rebuild_id");
        assertThat(started.header("Location")).isEqualTo("/api/v1/admin/rebuilds/" + id);
        api.post("/api/v1/admin/processors/orders/rebuild", admin, null).expectProblem(409, "REBUILD_RUNNING");
        // the live tables answer while the shadow fills
        assertThat(api.get("/api/v1/orders/" + paid, buyer).expect(200).body().path("status").asString())
                .isEqualTo("to_ship");
        JsonNode done = awaitDone(id);
        assertThat(done.path("progress_percent").asDouble()).isEqualTo(100.0);
        assertThat(done.path("events_done").asLong()).isPositive();
        assertThat(done.path("events_per_second").asDouble()).isPositive();
        assertThat(api.post("/api/v1/admin/processors/analytics/rebuild", admin, null).expect(202)
                .text("rebuild_id")).satisfies(analytics -> awaitDone(analytics));

        assertThat(orderRows()).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename = 'order_view'", String.class)).contains("order_view_buyer_idx");
        // dropped right after the swap's commit, which is when the status reads done
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM"
                + " pg_namespace WHERE nspname LIKE 'rebuild\\_%' OR nspname LIKE 'retired\\_%'", Long.class) == 0);

        // The processors claim their segments again from the swapped token: a new order is handled once.
        String next = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> api.get(
                "/api/v1/orders/" + next, buyer).status() == 200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_log_entry WHERE order_id = ?", Long.class, next))
                .isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.queryForObject("SELECT placed FROM analytics_daily WHERE shop_id = ? ORDER BY stat_date DESC"
                        + " FETCH FIRST 1 ROWS ONLY", Long.class, shop) == 3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE owner LIKE 'rebuild-%'", Long.class))
                .as("every segment claimed back").isZero();
    }

    @Test
    void a_rebuild_left_by_a_dead_instance_resumes_from_its_token() {
        assumeTrue(TestDatabase.postgres(), "an online rebuild keeps its shadow in a PostgreSQL schema");
        Api.Sku sku = api.createProduct(seller, "重建壶", "30.00", 5).get(0);
        api.product(sku.productId(), buyer, 0);
        Map<String, String> before = productRows(sku.productId());

        String id = rebuilds.begin("products");
        rebuilds.run(id, 1); // one batch, then the instance "dies"
        JsonNode halfway = api.get("/api/v1/admin/rebuilds/" + id, admin).expect(200).body();
        assertThat(halfway.path("status").asString()).isEqualTo("replaying");
        assertThat(halfway.path("events_done").asLong()).isBetween(1L, (long) ReadModelRebuilds.BATCH);
        assertThat(halfway.path("eta_seconds").isNumber()).isTrue();
        jdbc.update("UPDATE read_model_rebuild SET owner = 'killed-instance', heartbeat_at = heartbeat_at"
                + " - INTERVAL '1 hour' WHERE rebuild_id = ?", id);

        rebuilds.resumeOrphans();
        JsonNode done = awaitDone(id);
        assertThat(done.path("events_done").asLong()).as("resumed after its first batch, not from the start")
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?",
                        Long.class, done.path("position").asLong()));
        assertThat(productRows(sku.productId())).isEqualTo(before);
    }

    /**
     * Under load the live worker meets the swap's claim at its batch's commit, and Axon then keeps the processor from
     * claiming that segment for twice its claim interval, a wait its restart kept: the online rebuild under half load
     * left order_view 10 s behind after the swap (bench/README.md, session 62). The swap lifts that wait. Here the
     * live processor is told, before the rebuild, to keep off its segments for an hour.
     */
    @Test
    void segments_the_live_processor_gave_up_before_the_swap_are_claimed_again_at_once() {
        assumeTrue(TestDatabase.postgres(), "an online rebuild keeps its shadow in a PostgreSQL schema");
        StreamingEventProcessor products = processing.eventProcessor("products", StreamingEventProcessor.class)
                .orElseThrow();
        List<Integer> segments = jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = 'products'",
                Integer.class);
        assertThat(segments).as("the products processor's segments").isNotEmpty();
        try {
            segments.forEach(segment -> products.releaseSegment(segment, 1, TimeUnit.HOURS));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> products.processingStatus().isEmpty());

            awaitDone(api.post("/api/v1/admin/processors/products/rebuild", admin, null).expect(202)
                    .text("rebuild_id"));

            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> products.processingStatus().keySet().containsAll(segments));
            Api.Sku sku = api.createProduct(seller, "重建碗", "8.00", 3).get(0);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> api.get(
                    "/api/v1/products/" + sku.productId(), buyer).status() == 200);
        } finally {
            segments.forEach(segment -> products.releaseSegment(segment, -1, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void refusals() {
        api.post("/api/v1/admin/processors/nope/rebuild", admin, null).expectProblem(404, "PROCESSOR_NOT_FOUND");
        api.post("/api/v1/admin/processors/orders/rebuild", seller, null).expect(403);
        api.get("/api/v1/admin/rebuilds/" + UUID.randomUUID(), admin).expectProblem(404, "REBUILD_NOT_FOUND");
        if (!TestDatabase.postgres()) {
            api.post("/api/v1/admin/processors/orders/rebuild", admin, null)
                    .expectProblem(409, "REBUILD_NEEDS_POSTGRESQL");
        }
    }
}
