package io.ordersvc.standalone.refund;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Response;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.CrashSwitch;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

class RefundIT extends IntegrationTest {

    @Autowired
    MovableClock clock;
    @Autowired
    CrashSwitch crash;

    String seller;
    String buyer;
    List<Sku> skus;

    @BeforeEach
    void shop() {
        seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        buyer = token(uniqueId("buyer"), "buyer");
        skus = api.createProduct(seller, "Jacket", "100.00", 10, 10);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An order of 1 × sku0 (and 1 × sku1 when twoLines), paid; returns order id and its line ids. */
    private Map<String, Object> paidOrder(boolean twoLines) {
        Response placed = twoLines ? api.placeOrder(buyer, skus.get(0).skuId(), 1, skus.get(1).skuId(), 1)
                : api.placeOrder(buyer, skus.get(0).skuId(), 1);
        String orderId = placed.expect(201).text("order_id");
        api.pay(orderId, twoLines ? "200.00" : "100.00", "tx-" + orderId).expect(200);
        JsonNode order = api.order(orderId, buyer, 1);
        Map<String, Object> result = new HashMap<>();
        result.put("orderId", orderId);
        List<String> lines = new ArrayList<>();
        order.path("lines").forEach(l -> lines.add(l.path("order_line_id").asString()));
        result.put("lines", lines);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static String line(Map<String, Object> order, int i) {
        return ((List<String>) order.get("lines")).get(i);
    }

    private Response apply(String token, String orderId, String lineId, String type, String amount) {
        return api.post("/api/v1/orders/" + orderId + "/refunds", token, Map.of("order_line_id", lineId, "type", type,
                "goods_received", !"refund_only".equals(type), "reason", "quality_issue", "amount", amount,
                "note", "领口开线", "evidence_urls", List.of("https://img.example.com/1.jpg")));
    }

    private JsonNode refund(String refundId, String token, long version) {
        for (int i = 0; i < 10; i++) {
            Response r = api.get("/api/v1/refunds/" + refundId + "?min_version=" + version, token);
            if (r.status() == 200 && r.header("X-Read-Model-Stale") == null) {
                return r.body();
            }
        }
        throw new AssertionError("refund " + refundId + " never reached version " + version);
    }

    private long stock(int sku, long productVersion) {
        return api.product(skus.get(sku).productId(), buyer, productVersion).path("skus").get(sku).path("stock")
                .asLong();
    }

    @Test
    void refund_only_before_shipping_refunds_at_once_releases_the_stock_and_closes_the_order() {
        Map<String, Object> order = paidOrder(false);
        String orderId = (String) order.get("orderId");
        Response applied = apply(buyer, orderId, line(order, 0), "refund_only", "100.00").expect(201);
        String refundId = applied.text("refund_id");
        assertThat(applied.header("Location")).isEqualTo("/api/v1/refunds/" + refundId);
        assertThat(applied.text("status")).isEqualTo("applied");

        JsonNode locked = api.order(orderId, buyer, 2);
        assertThat(locked.path("refund_in_progress").asBoolean()).isTrue();
        assertThat(locked.path("lines").get(0).path("refund_state").asString()).isEqualTo("applying");
        assertThat(api.get("/api/v1/orders?refund_state=in_progress", buyer).body().path("total").asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/orders/status-counts", buyer).body().path("refund_in_progress").asLong())
                .isEqualTo(1);

        Response approved = api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of()).expect(200);
        assertThat(approved.text("status")).isEqualTo("refunded");

        api.order(orderId, buyer, 4);
        // The refund's own events are stored after the order's in the same transaction: a batch may end between.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "refunded".equals(api.get(
                "/api/v1/orders/" + orderId, buyer).body().path("refunds").path(0).path("status").asString()));
        JsonNode closed = api.order(orderId, buyer, 4);
        assertThat(closed.path("status").asString()).isEqualTo("closed");
        assertThat(closed.path("refund_in_progress").asBoolean()).isFalse();
        assertThat(closed.path("lines").get(0).path("refund_state").asString()).isEqualTo("succeeded");
        assertThat(closed.path("lines").get(0).path("refunded_amount").asString()).isEqualTo("100.00");
        assertThat(closed.path("refunds").get(0).path("status").asString()).isEqualTo("refunded");
        assertThat(api.get("/api/v1/orders?refund_state=finished", buyer).body().path("total").asLong())
                .isEqualTo(1);
        assertThat(stock(0, 2)).isEqualTo(10);

        JsonNode detail = refund(refundId, buyer, 2);
        assertThat(detail.path("log")).extracting(e -> e.path("action").asString())
                .containsExactly("applied", "refunded", "paid_back");
        assertThat(detail.path("log").get(1).path("actor_role").asString()).isEqualTo("seller");
        assertThat(detail.path("log").get(2).path("message").asString())
                .isEqualTo("Paid back 100.00 through the payment channel");
        assertThat(detail.path("paid_back").path("channel").asString()).isEqualTo("100.00");
        assertThat(detail.path("evidence_urls").get(0).asString()).isEqualTo("https://img.example.com/1.jpg");
        List<String> types = new ArrayList<>();
        api.get("/api/v1/orders/" + orderId + "/history", buyer).body()
                .forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).containsExactly("OrderPlaced", "OrderPaid", "RefundOpened", "LineRefunded", "OrderClosed");
        List<String> actions = new ArrayList<>();
        closed.path("log").forEach(e -> actions.add(e.path("action").asString()));
        assertThat(actions).containsSubsequence("refund_requested", "refunded", "closed");
    }

    @Test
    void return_and_refund_waits_for_the_goods_and_restocks_them() {
        Map<String, Object> order = paidOrder(true);
        String orderId = (String) order.get("orderId");
        api.ship(orderId, seller).expect(201);
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expect(200);
        String refundId = apply(buyer, orderId, line(order, 0), "return_and_refund", "80.00").expect(201)
                .text("refund_id");

        api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of())
                .expectProblem(422, "RETURN_ADDRESS_REQUIRED");
        Response approved = api.post("/api/v1/refunds/" + refundId + "/approve", seller,
                Map.of("return_address", "上海市浦东新区张江路100号")).expect(200);
        assertThat(approved.text("status")).isEqualTo("awaiting_return");
        api.post("/api/v1/refunds/" + refundId + "/confirm-return", seller, null)
                .expectProblem(409, "RETURN_NOT_SHIPPED");
        api.post("/api/v1/refunds/" + refundId + "/return-shipment", buyer, Map.of("carrier_code", "SF",
                "carrier_name", "顺丰", "tracking_no", "SF-BACK-1")).expect(200);
        Response done = api.post("/api/v1/refunds/" + refundId + "/confirm-return", seller, null).expect(200);
        assertThat(done.text("status")).isEqualTo("refunded");

        JsonNode after = api.order(orderId, buyer, 6);
        assertThat(after.path("status").asString()).isEqualTo("completed"); // partly refunded, not closed
        assertThat(after.path("lines").get(0).path("refunded_amount").asString()).isEqualTo("80.00");
        assertThat(after.path("lines").get(0).path("refund_state").asString()).isEqualTo("succeeded");
        JsonNode detail = refund(refundId, seller, 4);
        assertThat(detail.path("return_shipment").path("tracking_no").asString()).isEqualTo("SF-BACK-1");
        assertThat(detail.path("return_address").asString()).isEqualTo("上海市浦东新区张江路100号");
        assertThat(detail.path("log")).hasSize(5);
        assertThat(stock(0, 2)).isEqualTo(10); // the returned unit is back

        // 20.00 is still refundable on that line; 20.01 is not.
        apply(buyer, orderId, line(order, 0), "refund_only", "20.01").expectProblem(422, "REFUND_EXCEEDS_REFUNDABLE");
        apply(buyer, orderId, line(order, 0), "refund_only", "20.00").expect(201);
    }

    @Test
    void a_refused_application_may_be_made_again_and_a_withdrawn_one_unlocks_the_order() {
        Map<String, Object> order = paidOrder(false);
        String orderId = (String) order.get("orderId");
        api.ship(orderId, seller).expect(201);
        String first = apply(buyer, orderId, line(order, 0), "refund_only", "50.00").expect(201).text("refund_id");
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expectProblem(409, "ORDER_LOCKED");
        api.post("/api/v1/refunds/" + first + "/refuse", seller, Map.of("reason", "商品无质量问题")).expect(200);
        JsonNode refused = api.order(orderId, buyer, 4);
        assertThat(refused.path("lines").get(0).path("refund_state").asString()).isEqualTo("failed");
        assertThat(refund(first, buyer, 1).path("refuse_reason").asString()).isEqualTo("商品无质量问题");

        String second = apply(buyer, orderId, line(order, 0), "refund_only", "30.00").expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + first + "/cancel", buyer, null).expectProblem(409, "REFUND_NOT_CANCELLABLE");
        api.post("/api/v1/refunds/" + second + "/cancel", buyer, null).expect(200);
        JsonNode unlocked = api.order(orderId, buyer, 6);
        assertThat(unlocked.path("refund_in_progress").asBoolean()).isFalse();
        assertThat(unlocked.path("lines").get(0).path("refund_state").asString()).isEqualTo("none");
        assertThat(unlocked.path("refunds")).hasSize(2);
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expect(200);
        assertThat(api.get("/api/v1/refunds?order_id=" + orderId + "&status=cancelled", buyer).body()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void applications_outside_the_rules_are_refused() {
        String unpaid = api.placeOrder(buyer, skus.get(0).skuId(), 1).expect(201).text("order_id");
        String unpaidLine = api.order(unpaid, buyer, 0).path("lines").get(0).path("order_line_id").asString();
        apply(buyer, unpaid, unpaidLine, "refund_only", "1.00").expectProblem(409, "ORDER_NOT_REFUNDABLE");

        Map<String, Object> order = paidOrder(false);
        String orderId = (String) order.get("orderId");
        apply(buyer, orderId, line(order, 0), "refund_only", "100.01").expectProblem(422, "REFUND_EXCEEDS_REFUNDABLE");
        apply(buyer, orderId, line(order, 0), "refund_only", "0.00").expectProblem(422, "REFUND_EXCEEDS_REFUNDABLE");
        apply(buyer, orderId, java.util.UUID.randomUUID().toString(), "refund_only", "1.00")
                .expectProblem(422, "UNKNOWN_ORDER_LINE");
        apply(token(uniqueId("buyer"), "buyer"), orderId, line(order, 0), "refund_only", "1.00")
                .expectProblem(404, "ORDER_NOT_FOUND");
        apply(seller, orderId, line(order, 0), "refund_only", "1.00").expectProblem(403, "FORBIDDEN");
        String refundId = apply(buyer, orderId, line(order, 0), "refund_only", "10.00").expect(201).text("refund_id");
        apply(buyer, orderId, line(order, 0), "refund_only", "10.00").expectProblem(409, "REFUND_ALREADY_OPEN");
        api.post("/api/v1/refunds/" + refundId + "/approve", buyer, Map.of()).expectProblem(403, "FORBIDDEN");
        api.post("/api/v1/refunds/" + refundId + "/approve", token(uniqueId("seller"), "seller", uniqueId("shop")),
                Map.of()).expectProblem(404, "REFUND_NOT_FOUND");
        api.get("/api/v1/refunds/" + refundId, token(uniqueId("buyer"), "buyer")).expectProblem(404,
                "REFUND_NOT_FOUND");
        // Lists are scoped: the buyer's own, the shop's, everything for admins.
        refund(refundId, buyer, 0);
        String query = "/api/v1/refunds?order_id=" + orderId;
        assertThat(api.get(query, buyer).body().path("total").asLong()).isEqualTo(1);
        assertThat(api.get(query, seller).body().path("total").asLong()).isEqualTo(1);
        assertThat(api.get(query, token("admin-1", "admin")).body().path("total").asLong()).isEqualTo(1);
        assertThat(api.get(query, token(uniqueId("seller"), "seller", uniqueId("shop"))).body().path("total")
                .asLong()).isZero();
        assertThat(api.get(query, token(uniqueId("buyer"), "buyer")).body().path("total").asLong()).isZero();
        api.get("/api/v1/refunds?status=lost", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/refunds/" + refundId + "/cancel", buyer, null).expect(200);

        // Completed longer than the after-sales window ago: closed for applications.
        api.ship(orderId, seller).expect(201);
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expect(200);
        clock.advance(Duration.ofDays(16));
        apply(buyer, orderId, line(order, 0), "refund_only", "1.00").expectProblem(409, "AFTER_SALES_WINDOW_CLOSED");
    }

    @Test
    void two_applications_racing_for_one_line_exactly_one_wins() throws Exception {
        Map<String, Object> order = paidOrder(false);
        String orderId = (String) order.get("orderId");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Response> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return apply(buyer, orderId, line(order, 0), "refund_only", "40.00");
                }));
            }
            go.countDown();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("REFUND_ALREADY_OPEN"));
    }

    @Test
    void the_order_closes_when_its_last_line_is_refunded() {
        Map<String, Object> order = paidOrder(true);
        String orderId = (String) order.get("orderId");
        String a = apply(buyer, orderId, line(order, 0), "refund_only", "100.00").expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + a + "/approve", seller, Map.of()).expect(200);
        assertThat(api.order(orderId, buyer, 3).path("status").asString()).isEqualTo("to_ship");
        String b = apply(buyer, orderId, line(order, 1), "refund_only", "100.00").expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + b + "/approve", token("admin-1", "admin"), Map.of()).expect(200);
        JsonNode closed = api.order(orderId, buyer, 6);
        assertThat(closed.path("status").asString()).isEqualTo("closed");
        assertThat(closed.path("actions").path("can_apply_refund").asBoolean()).isFalse();
    }

    @Test
    void a_crash_between_the_refund_and_the_order_leaves_both_as_they_were() {
        Map<String, Object> order = paidOrder(false);
        String orderId = (String) order.get("orderId");
        String refundId = apply(buyer, orderId, line(order, 0), "refund_only", "100.00").expect(201)
                .text("refund_id");
        // The two aggregates' events: timers of earlier tests' orders may append others meanwhile (a CI run saw two).
        String both = "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)";
        long before = jdbc.queryForObject(both, Long.class, orderId, refundId);

        crash.arm();
        Response crashed = api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of());
        assertThat(crashed.status()).isEqualTo(500);
        assertThat(jdbc.queryForObject(both, Long.class, orderId, refundId)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, refundId)).isEqualTo(1);
        JsonNode still = api.order(orderId, buyer, 2);
        assertThat(still.path("refund_in_progress").asBoolean()).isTrue();
        assertThat(still.path("status").asString()).isEqualTo("to_ship");

        // After the restart (here: the next attempt) the approval goes through whole.
        assertThat(api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of()).expect(200)
                .text("status")).isEqualTo("refunded");
        assertThat(api.order(orderId, buyer, 4).path("status").asString()).isEqualTo("closed");
    }
}
