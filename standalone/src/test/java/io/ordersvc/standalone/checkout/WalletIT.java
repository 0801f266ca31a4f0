package io.ordersvc.standalone.checkout;

import io.ordersvc.standalone.support.Api;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Points and balance over HTTP: admin adjustments, spending at checkout, frozen until paid, back on cancel. */
class WalletIT extends ShopFixtures {

    final String admin = token("admin-wallet", "admin");

    /** A SKU of which points may pay ¥10.00 per unit. */
    String pointsSku(Shop shop, String price, long stock) {
        return sku(shop, "积分商品", price, stock, Map.of("points_deductible", "10.00"));
    }

    long grant(String buyerId, long points, String balance) {
        long version = -1;
        if (points != 0) {
            version = api.post("/api/v1/members/" + buyerId + "/points", admin, Map.of("delta", points,
                    "reason", "新人礼")).expect(200).body().path("version").asLong();
        }
        if (balance != null) {
            version = api.post("/api/v1/members/" + buyerId + "/balance", admin, Map.of("delta", balance,
                    "reason", "充值")).expect(200).body().path("version").asLong();
        }
        return version;
    }

    JsonNode points(String buyer, long version) {
        return api.get("/api/v1/points?min_version=" + version, buyer).expect(200).body();
    }

    JsonNode balance(String buyer, long version) {
        return api.get("/api/v1/balance?min_version=" + version, buyer).expect(200).body();
    }

    static Map<String, Object> spending(String sku, int quantity, long points, String balance) {
        Map<String, Object> body = new HashMap<>(body("440305", sku, quantity));
        body.put("use_points", points);
        body.put("use_balance", balance);
        return body;
    }

    @Test
    void an_admin_adjusts_with_a_reason_and_the_buyer_reads_the_ledger() {
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        grant(buyerId, 1000, null);
        api.post("/api/v1/members/" + buyerId + "/points", admin, Map.of("delta", -300, "reason", "误发"))
                .expect(200);
        long version = grant(buyerId, 0, "100.00");
        JsonNode points = points(buyer, version);
        assertThat(points.path("available").asLong()).isEqualTo(700);
        assertThat(points.path("frozen").asLong()).isZero();
        assertThat(points.path("ledger")).extracting(e -> e.path("delta").asLong() + " " + e.path("reason").asString())
                .containsExactly("-300 误发", "1000 新人礼");
        assertThat(balance(buyer, version).path("available").asString()).isEqualTo("100.00");

        api.post("/api/v1/members/" + buyerId + "/points", admin, Map.of("delta", -701, "reason", "x"))
                .expectProblem(422, "INSUFFICIENT_POINTS");
        api.post("/api/v1/members/" + buyerId + "/balance", admin, Map.of("delta", "-100.01", "reason", "x"))
                .expectProblem(422, "INSUFFICIENT_BALANCE");
        api.post("/api/v1/members/" + buyerId + "/balance", admin, Map.of("delta", "0.00", "reason", "x"))
                .expectProblem(422, "INVALID_ADJUSTMENT");
        api.post("/api/v1/members/" + buyerId + "/balance", admin, Map.of("delta", "1000000.01", "reason", "x"))
                .expect(400);
        api.post("/api/v1/members/" + buyerId + "/points", buyer, Map.of("delta", 5, "reason", "mine")).expect(403);
        api.post("/api/v1/members/" + buyerId + "/balance", token("gw", "system"), Map.of("delta", "5.00",
                "reason", "微信充值")).expect(200);
        api.get("/api/v1/points", admin).expect(403);
    }

    @Test
    void a_checkout_spends_points_and_balance_frozen_until_paid_and_a_cancel_gives_everything_back() {
        Shop shop = shop();
        String tea = pointsSku(shop, "30.00", 10);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        grant(buyerId, 1000, "50.00");

        var body = spending(tea, 2, 800, "20.00");
        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, body).expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        assertThat(preview.path("points").path("available").asLong()).isEqualTo(1000);
        assertThat(preview.path("points").path("usable").asLong()).as("2 × ¥10.00 may be paid: 2000, of 1000")
                .isEqualTo(1000);
        assertThat(preview.path("points").path("yuan_per_100").asString()).isEqualTo("1.00");
        assertThat(preview.path("balance").path("available").asString()).isEqualTo("50.00");
        JsonNode price = preview.path("price");
        assertThat(price.path("points_used").asLong()).isEqualTo(800);
        assertThat(price.path("points_amount").asString()).isEqualTo("8.00");
        assertThat(price.path("balance_amount").asString()).isEqualTo("20.00");
        // 60.00 of goods + 10.00 shipping (8 + 2) = 70.00; less 8.00 in points and 20.00 in balance
        assertThat(price.path("total_amount").asString()).isEqualTo("70.00");
        assertThat(price.path("pay_amount").asString()).isEqualTo("42.00");

        JsonNode placed = api.post("/api/v1/checkouts", buyer, body).expect(201).body();
        assertThat(placed.path("pay_amount").asString()).isEqualTo("42.00");
        String orderId = placed.path("orders").get(0).path("order_id").asString();
        long version = placed.path("orders").get(0).path("version").asLong();
        assertThat(api.order(orderId, buyer, version).path("price").path("points_used").asLong()).isEqualTo(800);
        JsonNode points = points(buyer, 3);
        assertThat(points.path("available").asLong()).isEqualTo(200);
        assertThat(points.path("frozen").asLong()).isEqualTo(800);
        assertThat(points.path("ledger").get(0).path("reason").asString()).isEqualTo("order_placed");
        assertThat(points.path("ledger").get(0).path("order_id").asString()).isEqualTo(orderId);
        assertThat(balance(buyer, 3).path("available").asString()).isEqualTo("30.00");

        api.post("/api/v1/orders/" + orderId + "/cancel", buyer, Map.of("reason", "不想要了")).expect(200);
        points = points(buyer, 5);
        assertThat(points.path("available").asLong()).isEqualTo(1000);
        assertThat(points.path("frozen").asLong()).isZero();
        assertThat(points.path("ledger").get(0).path("reason").asString()).isEqualTo("order_cancelled");
        JsonNode balance = balance(buyer, 5);
        assertThat(balance.path("available").asString()).isEqualTo("50.00");
        assertThat(balance.path("ledger")).extracting(e -> e.path("delta").asString() + " " + e.path("reason")
                .asString()).containsExactly("20.00 order_cancelled", "-20.00 order_placed", "50.00 充值");
    }

    @Test
    void a_paid_order_spends_its_frozen_points_and_one_paid_in_full_from_the_wallet_is_paid_at_once() {
        Shop shop = shop();
        String tea = pointsSku(shop, "30.00", 10);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        grant(buyerId, 1000, "100.00");

        JsonNode placed = api.post("/api/v1/checkouts", buyer, spending(tea, 1, 500, "0.00")).expect(201).body();
        String orderId = placed.path("orders").get(0).path("order_id").asString();
        api.pay(orderId, placed.path("pay_amount").asString(), "tx-" + orderId).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(points(buyer, 0).path("frozen").asLong()).as("spent once paid").isZero());
        assertThat(points(buyer, 0).path("available").asLong()).isEqualTo(500);

        // 30.00 + 8.00 shipping = 38.00: 5.00 in points, 33.00 from the balance, nothing left to collect
        JsonNode free = api.post("/api/v1/checkouts", buyer, spending(tea, 1, 500, "33.00")).expect(201).body();
        assertThat(free.path("pay_amount").asString()).isEqualTo("0.00");
        assertThat(free.path("orders").get(0).path("status").asString()).isEqualTo("to_ship");
    }

    @Test
    void asking_more_than_the_wallet_holds_or_the_goods_allow_is_refused_and_nothing_is_taken() {
        Shop shop = shop();
        String tea = pointsSku(shop, "30.00", 10);
        String plain = sku(shop, "普通", "30.00", 10);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        long version = grant(buyerId, 500, "10.00");

        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, spending(tea, 1, 600, "10.01")).expect(200)
                .body();
        assertThat(preview.path("errors")).extracting(e -> e.path("code").asString())
                .containsExactlyInAnyOrder("INSUFFICIENT_POINTS", "INSUFFICIENT_BALANCE");
        api.post("/api/v1/checkouts", buyer, spending(tea, 1, 600, "0.00")).expectProblem(422, "INSUFFICIENT_POINTS");
        api.post("/api/v1/checkouts", buyer, spending(tea, 1, 0, "10.01")).expectProblem(422, "INSUFFICIENT_BALANCE");
        api.post("/api/v1/checkouts", buyer, spending(plain, 1, 100, "0.00"))
                .expectProblem(422, "POINTS_OVER_LIMIT");
        api.post("/api/v1/checkouts", buyer, spending(tea, 1, 0, "38.01")).expectProblem(422, "BALANCE_OVER_TOTAL");
        api.post("/api/v1/checkouts", buyer, spending(tea, 1, -1, "0.00")).expect(400);
        assertThat(points(buyer, version).path("available").asLong()).isEqualTo(500);
        assertThat(api.product(productOf(plain), shop.seller(), 0).path("skus").get(0).path("stock").asLong())
                .isEqualTo(10);
    }

    @Test
    void ten_checkouts_at_once_spend_exactly_what_the_wallet_can_afford() throws Exception {
        Shop shop = shop();
        String tea = pointsSku(shop, "30.00", 100);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        grant(buyerId, 1000, "50.00");

        List<Integer> byPoints = atOnce(10, () -> api.post("/api/v1/checkouts", buyer, spending(tea, 1, 300,
                "0.00")).status());
        assertThat(byPoints).filteredOn(s -> s == 201).as("3 × 300 of 1000").hasSize(3);
        assertThat(byPoints).filteredOn(s -> s != 201).containsOnly(422);
        List<Integer> byBalance = atOnce(10, () -> api.post("/api/v1/checkouts", buyer, spending(tea, 1, 0,
                "20.00")).status());
        assertThat(byBalance).filteredOn(s -> s == 201).as("2 × 20.00 of 50.00").hasSize(2);
        assertThat(byBalance).filteredOn(s -> s != 201).containsOnly(422);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode points = points(buyer, 0);
            assertThat(points.path("available").asLong()).isEqualTo(100);
            assertThat(points.path("frozen").asLong()).isEqualTo(900);
            assertThat(balance(buyer, 0).path("available").asString()).isEqualTo("10.00");
        });
        assertThat(api.product(productOf(tea), shop.seller(), 0).path("skus").get(0).path("stock").asLong())
                .as("stock taken only by the checkouts that were placed").isEqualTo(95);
    }

    @Test
    void a_completed_order_earns_its_points_and_a_refund_after_completion_takes_back_its_share() {
        Shop shop = shop();
        String coat = sku(shop, "大衣", "100.00", 10);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        JsonNode placed = api.post("/api/v1/checkouts", buyer, body("310104", coat, 1)).expect(201).body();
        JsonNode order = placed.path("orders").get(0);
        String orderId = order.path("order_id").asString();
        assertThat(order.path("price").path("points_earned").asLong()).as("free shipping over 99 in Shanghai: "
                + "one point per yuan of 100.00").isEqualTo(100);
        api.pay(orderId, "100.00", "tx-" + orderId).expect(200);
        api.ship(orderId, shop.seller()).expect(201);
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(points(buyer, 0).path("available").asLong()).isEqualTo(100));
        assertThat(points(buyer, 0).path("ledger").get(0).path("reason").asString()).isEqualTo("order_completed");

        String line = api.order(orderId, buyer, 3).path("lines").get(0).path("order_line_id").asString();
        String refundId = api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", line,
                "type", "refund_only", "goods_received", true, "reason", "quality_issue", "amount", "40.00"))
                .expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + refundId + "/approve", shop.seller(), Map.of()).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(points(buyer, 0).path("available").asLong()).as("60 of 100 kept").isEqualTo(60));
        JsonNode last = points(buyer, 0).path("ledger").get(0);
        assertThat(last.path("delta").asLong()).isEqualTo(-40);
        assertThat(last.path("reason").asString()).isEqualTo("earned_taken_back");
    }

    @Test
    void a_refund_returns_the_points_share_then_the_balance_then_the_channel_and_the_detail_shows_the_split() {
        Shop shop = shop();
        String tea = pointsSku(shop, "30.00", 10);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        grant(buyerId, 1000, "50.00");
        JsonNode placed = api.post("/api/v1/checkouts", buyer, spending(tea, 2, 800, "20.00")).expect(201).body();
        String orderId = placed.path("orders").get(0).path("order_id").asString();
        api.pay(orderId, "42.00", "tx-" + orderId).expect(200);
        String line = api.order(orderId, buyer, 1).path("lines").get(0).path("order_line_id").asString();

        String refundId = api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", line,
                "type", "refund_only", "goods_received", false, "reason", "other", "amount", "30.00"))
                .expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + refundId + "/approve", shop.seller(), Map.of()).expect(200);
        JsonNode refund = api.get("/api/v1/refunds/" + refundId + "?min_version=2", buyer).expect(200).body();
        // of 70.00, points paid 8.00: 30.00 × 8/70 = 3.42 in points (342); 26.58 of money: 20.00 to the balance
        // first, 6.58 through the channel
        JsonNode back = refund.path("paid_back");
        assertThat(back.path("points_used").asLong()).isEqualTo(342);
        assertThat(back.path("points").asString()).isEqualTo("3.42");
        assertThat(back.path("balance").asString()).isEqualTo("20.00");
        assertThat(back.path("gift_card").asString()).isEqualTo("0.00");
        assertThat(back.path("channel").asString()).isEqualTo("6.58");
        assertThat(refund.path("log")).extracting(e -> e.path("action").asString()).contains("paid_back");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(points(buyer, 0).path("available").asLong()).isEqualTo(200 + 342);
            assertThat(balance(buyer, 0).path("available").asString()).isEqualTo("50.00");
        });
        assertThat(balance(buyer, 0).path("ledger").get(0).path("reason").asString()).isEqualTo("order_refunded");
    }
}
