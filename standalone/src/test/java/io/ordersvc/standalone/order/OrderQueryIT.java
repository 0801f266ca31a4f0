package io.ordersvc.standalone.order;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Response;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One buyer with five orders in different states at one shop, one order of another buyer at the same shop and
 * one at another shop; every filter and scope of GET /orders and /status-counts against that set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderQueryIT extends IntegrationTest {

    String shop;
    String seller;
    String buyerId;
    String buyer;
    String otherBuyerId;
    String admin = token("admin-1", "admin");
    List<String> orders = new ArrayList<>();
    Map<String, String> orderNos = new java.util.HashMap<>();
    Instant beforeAll;
    String otherShopSeller;

    @BeforeAll
    void orders() {
        api = new Api(port);
        shop = uniqueId("shop");
        seller = token(uniqueId("seller"), "seller", shop);
        buyerId = uniqueId("buyer");
        buyer = token(buyerId, "buyer");
        otherBuyerId = uniqueId("buyer");
        beforeAll = Instant.now();
        List<Sku> skus = api.createProduct(seller, "Green Tea 绿茶", "10.00", 100, 100);
        Sku coffee = api.createProduct(seller, "Coffee Beans", "30.00", 100).get(0);
        // 0: pending   1: to_ship   2: shipped   3: completed (review pending)   4: cancelled
        for (int i = 0; i < 5; i++) {
            Sku sku = i == 2 ? coffee : skus.get(i % 2);
            Response placed = api.placeOrder(buyer, sku.skuId(), 1).expect(201);
            orders.add(placed.text("order_id"));
            orderNos.put(placed.text("order_id"), placed.text("order_no"));
        }
        long[] versions = new long[5];
        for (int i = 1; i <= 3; i++) {
            String price = i == 2 ? "30.00" : "10.00";
            versions[i] = api.pay(orders.get(i), price, "tx-" + orders.get(i)).expect(200).body().path("version")
                    .asLong();
        }
        versions[2] = api.ship(orders.get(2), seller).expect(201).body().path("version").asLong();
        api.ship(orders.get(3), seller).expect(201);
        versions[3] = api.post("/api/v1/orders/" + orders.get(3) + "/receipt", buyer, null).expect(200).body()
                .path("version").asLong();
        versions[4] = api.post("/api/v1/orders/" + orders.get(4) + "/cancel", buyer, Map.of("reason", "x"))
                .expect(200).body().path("version").asLong();
        String otherBuyer = token(otherBuyerId, "buyer");
        String otherBuyersOrder = api.placeOrder(otherBuyer, skus.get(0).skuId(), 1).expect(201).text("order_id");
        String otherShop = uniqueId("shop");
        otherShopSeller = token(uniqueId("seller"), "seller", otherShop);
        Sku elsewhere = api.createProduct(otherShopSeller, "Elsewhere", "1.00", 10).get(0);
        String elsewhereOrder = api.placeOrder(buyer, elsewhere.skuId(), 1).expect(201).text("order_id");
        api.order(otherBuyersOrder, otherBuyer, 0);
        api.order(elsewhereOrder, buyer, 0);
        for (int i = 0; i < 5; i++) {
            api.order(orders.get(i), buyer, versions[i]);
        }
    }

    private List<String> ids(String token, String query) {
        Response r = api.get("/api/v1/orders" + query, token).expect(200);
        List<String> ids = new ArrayList<>();
        r.body().path("items").forEach(i -> ids.add(i.path("order_id").asString()));
        return ids;
    }

    private List<String> mine(String query) {
        List<String> ids = ids(buyer, query + (query.isEmpty() ? "?" : "&") + "size=100");
        ids.retainAll(orders);
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void a_buyer_sees_own_orders_newest_first_with_lines() {
        Response page = api.get("/api/v1/orders?size=20", buyer).expect(200);
        assertThat(page.body().path("total").asLong()).isEqualTo(6);
        List<String> ids = new ArrayList<>();
        page.body().path("items").forEach(i -> ids.add(i.path("order_id").asString()));
        assertThat(ids.subList(1, 6)).containsExactly(orders.get(4), orders.get(3), orders.get(2), orders.get(1),
                orders.get(0));
        JsonNode first = page.body().path("items").get(1);
        assertThat(first.path("lines")).hasSize(1);
        assertThat(first.path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void paging_splits_the_list_and_counts_pages() {
        Response p1 = api.get("/api/v1/orders?size=4&page=1", buyer).expect(200);
        Response p2 = api.get("/api/v1/orders?size=4&page=2", buyer).expect(200);
        assertThat(p1.body().path("items")).hasSize(4);
        assertThat(p2.body().path("items")).hasSize(2);
        assertThat(p1.body().path("total_pages").asInt()).isEqualTo(2);
        assertThat(p2.body().path("page").asInt()).isEqualTo(2);
        assertThat(p2.body().path("size").asInt()).isEqualTo(4);
    }

    @Test
    void every_status_filter_selects_its_orders() {
        assertThat(mine("?status=pending_payment")).containsExactly(orders.get(0));
        assertThat(mine("?status=to_ship")).containsExactly(orders.get(1));
        assertThat(mine("?status=shipped")).containsExactly(orders.get(2));
        assertThat(mine("?status=completed")).containsExactly(orders.get(3));
        assertThat(mine("?status=review_pending")).containsExactly(orders.get(3));
        assertThat(mine("?status=cancelled")).containsExactly(orders.get(4));
        assertThat(mine("?status=closed")).isEmpty();
        assertThat(mine("?status=refund_in_progress")).isEmpty();
    }

    @Test
    void keyword_product_and_number_filters_find_the_right_orders() {
        assertThat(mine("?product_name=" + enc("绿茶"))).hasSize(4);
        assertThat(mine("?product_name=coffee")).containsExactly(orders.get(2));
        assertThat(mine("?keyword_type=goods_name&keyword=BEANS")).containsExactly(orders.get(2));
        assertThat(mine("?order_no=" + orderNos.get(orders.get(1)))).containsExactly(orders.get(1));
        assertThat(mine("?keyword_type=order_no&keyword=" + orderNos.get(orders.get(1)))).containsExactly(
                orders.get(1));
        assertThat(mine("?keyword_type=receiver_phone&keyword=0013800")).hasSize(5);
        assertThat(mine("?keyword_type=receiver_phone&keyword=999999")).isEmpty();
        assertThat(mine("?keyword_type=receiver_name&keyword=" + enc("张"))).hasSize(5);
        String trackingNo = Api.trackingNo(orders.get(2)).toLowerCase(java.util.Locale.ROOT);
        assertThat(mine("?keyword_type=tracking_no&keyword=" + trackingNo)).containsExactly(orders.get(2));
        assertThat(mine("?product_name=" + enc("100%_"))).isEmpty();
    }

    /** Alone, a keyword filtered nothing: every order came back as if it had matched. */
    @Test
    void a_keyword_without_its_type_or_a_type_without_a_keyword_is_refused_naming_the_missing_one() {
        JsonNode noType = api.get("/api/v1/orders?keyword=BEANS", buyer).expectProblem(400, "VALIDATION_FAILED")
                .body();
        assertThat(noType.path("errors").get(0).path("field").asString()).isEqualTo("keyword_type");
        JsonNode noKeyword = api.get("/api/v1/orders/status-counts?keyword_type=goods_name", buyer)
                .expectProblem(400, "VALIDATION_FAILED").body();
        assertThat(noKeyword.path("errors").get(0).path("field").asString()).isEqualTo("keyword");
    }

    @Test
    void time_type_and_refund_filters_narrow_the_list() {
        Instant later = Instant.now().plusSeconds(60);
        assertThat(mine("?created_from=" + beforeAll)).hasSize(5);
        assertThat(mine("?created_from=" + later)).isEmpty();
        assertThat(mine("?created_to=" + beforeAll)).isEmpty();
        assertThat(mine("?order_type=physical")).hasSize(5);
        assertThat(mine("?order_type=points_exchange")).isEmpty();
        assertThat(mine("?refund_state=in_progress")).isEmpty();
        assertThat(mine("?status=to_ship&product_name=" + enc("绿茶"))).containsExactly(orders.get(1));
    }

    @Test
    void sellers_see_their_shop_and_admins_see_everything_narrowed_by_buyer() {
        List<String> sellerView = ids(seller, "?size=100");
        assertThat(sellerView).hasSize(6).containsAll(orders);
        assertThat(ids(seller, "?buyer_id=" + otherBuyerId)).hasSize(1);
        assertThat(ids(otherShopSeller, "?size=100")).hasSize(1).doesNotContainAnyElementsOf(orders);
        assertThat(ids(admin, "?buyer_id=" + buyerId + "&size=100")).hasSize(6).containsAll(orders);
        // A buyer cannot widen the scope with buyer_id.
        assertThat(ids(token(otherBuyerId, "buyer"), "?buyer_id=" + buyerId)).hasSize(1)
                .doesNotContainAnyElementsOf(orders);
    }

    @Test
    void status_counts_follow_the_same_scope_and_filters() {
        JsonNode counts = api.get("/api/v1/orders/status-counts", seller).expect(200).body();
        assertThat(counts.path("all").asLong()).isEqualTo(6);
        assertThat(counts.path("pending_payment").asLong()).isEqualTo(2);
        assertThat(counts.path("to_ship").asLong()).isEqualTo(1);
        assertThat(counts.path("shipped").asLong()).isEqualTo(1);
        assertThat(counts.path("completed").asLong()).isEqualTo(1);
        assertThat(counts.path("review_pending").asLong()).isEqualTo(1);
        assertThat(counts.path("cancelled").asLong()).isEqualTo(1);
        assertThat(counts.path("closed").asLong()).isZero();
        assertThat(counts.path("refund_in_progress").asLong()).isZero();

        JsonNode coffee = api.get("/api/v1/orders/status-counts?product_name=coffee", buyer).expect(200).body();
        assertThat(coffee.path("all").asLong()).isEqualTo(1);
        assertThat(coffee.path("shipped").asLong()).isEqualTo(1);
        JsonNode mineOnly = api.get("/api/v1/orders/status-counts?buyer_id=" + buyerId, admin).expect(200).body();
        assertThat(mineOnly.path("all").asLong()).isEqualTo(6);
    }

    /** The admin's unfiltered counts come from counters the projection keeps; they must match a full count. */
    @Test
    void the_admin_counts_every_order_without_scanning_and_agrees_with_a_full_count() {
        String counted = "SELECT count(*) FROM order_view WHERE status = ?";
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode all = api.get("/api/v1/orders/status-counts", admin).expect(200).body();
            assertThat(all.path("all").asLong()).isEqualTo(
                    jdbc.queryForObject("SELECT count(*) FROM order_view", Long.class)).isGreaterThanOrEqualTo(6);
            for (String status : List.of("pending_payment", "to_ship", "shipped", "completed", "cancelled", "closed")) {
                assertThat(all.path(status).asLong()).as(status)
                        .isEqualTo(jdbc.queryForObject(counted, Long.class, status));
            }
            assertThat(all.path("review_pending").asLong()).isEqualTo(
                    jdbc.queryForObject("SELECT count(*) FROM order_view WHERE review_pending", Long.class));
            assertThat(all.path("refund_in_progress").asLong()).isEqualTo(
                    jdbc.queryForObject("SELECT count(*) FROM order_view WHERE refund_in_progress", Long.class));
        });
        // They come from the projection's counters: a row written behind the projection's back is not counted.
        long before = api.get("/api/v1/orders/status-counts", admin).body().path("all").asLong();
        String rogue = uniqueId("rogue");
        jdbc.update("INSERT INTO order_view (order_id, order_no, buyer_id, shop_id, order_type, status, review_pending,"
                + " refund_in_progress, refund_finished, deleted_by_buyer, goods_amount, shipping_fee, discount_amount,"
                + " pay_amount, points_amount, points_earned, receiver_name, receiver_phone, receiver_province,"
                + " receiver_city, receiver_district, receiver_address, created_at, version)"
                + " VALUES (?, ?, 'b', 's', 'physical', 'to_ship', false, false, false, false, 1, 0, 0, 1, 0, 0,"
                + " 'n', 'p', 'p', 'c', 'd', 'a', CURRENT_TIMESTAMP, 0)", rogue, "99999999999999999999");
        try {
            assertThat(api.get("/api/v1/orders/status-counts", admin).body().path("all").asLong()).isEqualTo(before);
        } finally {
            jdbc.update("DELETE FROM order_view WHERE order_id = ?", rogue);
        }
        // With a filter the admin's counts are counted over the matching orders, as everyone else's.
        JsonNode filtered = api.get("/api/v1/orders/status-counts?buyer_id=" + buyerId, admin).expect(200).body();
        assertThat(filtered.path("all").asLong()).isEqualTo(6);
    }

    @Test
    void actions_tell_each_caller_what_they_may_do_now() {
        JsonNode pendingForBuyer = api.get("/api/v1/orders/" + orders.get(0), buyer).body().path("actions");
        assertThat(pendingForBuyer.path("can_cancel").asBoolean()).isTrue();
        assertThat(pendingForBuyer.path("can_pay").asBoolean()).isFalse();
        JsonNode pendingForAdmin = api.get("/api/v1/orders/" + orders.get(0), admin).body().path("actions");
        assertThat(pendingForAdmin.path("can_pay").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/orders/" + orders.get(1), seller).body().path("actions").path("can_ship")
                .asBoolean()).isTrue();
        assertThat(api.get("/api/v1/orders/" + orders.get(2), buyer).body().path("actions")
                .path("can_confirm_receipt").asBoolean()).isTrue();
        JsonNode completed = api.get("/api/v1/orders/" + orders.get(3), buyer).body().path("actions");
        assertThat(completed.path("can_review").asBoolean()).isTrue();
        assertThat(completed.path("can_delete").asBoolean()).isTrue();
        assertThat(completed.path("can_apply_refund").asBoolean()).isTrue();
        assertThat(pendingForBuyer.path("can_apply_refund").asBoolean()).isFalse();
    }
}
