package io.ordersvc.standalone.order;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
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

/** The seller's desk over HTTP: the waybill printed flag with its filter and count, and private remarks and flags. */
class SellerBackOfficeIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String otherSeller = token(uniqueId("seller"), "seller", uniqueId("shop"));
    final String buyer = token(uniqueId("buyer"), "buyer");
    final String admin = token("admin-desk", "admin");

    String paidOrder(Api.Sku sku) {
        String id = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(id, "5.00", "tx-" + id).expect(200);
        return id;
    }

    List<String> ids(JsonNode page) {
        return page.path("items").findValuesAsString("order_id");
    }

    @Test
    void a_seller_marks_waybills_printed_and_lists_and_counts_what_is_left_to_print() {
        Api.Sku sku = api.createProduct(seller, "Desk", "5.00", 20).get(0);
        String printed = paidOrder(sku);
        String notPrinted = paidOrder(sku);
        api.placeOrder(buyer, sku.skuId(), 1).expect(201); // unpaid: nothing to print yet

        api.post("/api/v1/orders/" + printed + "/printed", seller, Map.of("printed", true)).expect(200);
        api.post("/api/v1/orders/" + printed + "/printed", seller, Map.of("printed", true)).expect(200);
        api.post("/api/v1/orders/" + printed + "/printed", buyer, Map.of("printed", true)).expect(403);
        api.post("/api/v1/orders/" + printed + "/printed", otherSeller, Map.of("printed", true))
                .expectProblem(404, "ORDER_NOT_FOUND");
        api.post("/api/v1/orders/" + printed + "/printed", seller, Map.of()).expect(400);
        String unpaid = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.post("/api/v1/orders/" + unpaid + "/printed", seller, Map.of("printed", true))
                .expectProblem(409, "ORDER_NOT_PRINTABLE");

        JsonNode detail = api.order(printed, seller, 2);
        assertThat(detail.path("printed").asBoolean()).isTrue();
        assertThat(detail.path("log").get(2).path("action").asString()).isEqualTo("waybill_printed");
        assertThat(ids(api.get("/api/v1/orders?status=to_ship&printed=false", seller).expect(200).body()))
                .containsExactly(notPrinted);
        assertThat(ids(api.get("/api/v1/orders?printed=true", seller).expect(200).body())).containsExactly(printed);
        JsonNode counts = api.get("/api/v1/orders/status-counts", seller).expect(200).body();
        assertThat(counts.path("to_ship").asLong()).isEqualTo(2);
        assertThat(counts.path("not_printed").asLong()).isEqualTo(1);
        api.get("/api/v1/orders?printed=maybe", seller).expect(400);

        // Shipping the unprinted one leaves nothing to print; admins count every shop the same way.
        api.ship(notPrinted, seller).expect(201);
        api.order(notPrinted, seller, 2);
        assertThat(api.get("/api/v1/orders/status-counts", seller).expect(200).body().path("not_printed").asLong())
                .isZero();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get(
                "/api/v1/orders/status-counts?buyer_id=" + "nobody", admin).expect(200).body().path("not_printed")
                .asLong()).isZero());
    }

    @Test
    void remarks_and_flags_are_the_shops_and_admins_only() {
        Api.Sku sku = api.createProduct(seller, "Desk", "5.00", 20).get(0);
        String flagged = paidOrder(sku);
        String plain = paidOrder(sku);
        Map<String, Object> remark = new HashMap<>();
        remark.put("remark", "顾客要求周末送达");
        remark.put("flag", "red");
        api.put("/api/v1/orders/" + flagged + "/seller-remark", seller, remark).expect(200);
        api.put("/api/v1/orders/" + flagged + "/seller-remark", buyer, remark).expect(403);
        api.put("/api/v1/orders/" + flagged + "/seller-remark", otherSeller, remark)
                .expectProblem(404, "ORDER_NOT_FOUND");
        api.put("/api/v1/orders/" + flagged + "/seller-remark", seller, Map.of("flag", "purple")).expect(400);

        JsonNode seen = api.order(flagged, seller, 2);
        assertThat(seen.path("seller_remark").path("remark").asString()).isEqualTo("顾客要求周末送达");
        assertThat(seen.path("seller_remark").path("flag").asString()).isEqualTo("red");
        assertThat(api.order(flagged, admin, 2).path("seller_remark").path("flag").asString()).isEqualTo("red");
        JsonNode buyerView = api.order(flagged, buyer, 2);
        assertThat(buyerView.has("seller_remark")).as("never shown to the buyer").isFalse();
        assertThat(buyerView.path("log")).hasSize(2); // placed, paid: the remark is not in the log
        assertThat(api.get("/api/v1/orders", buyer).expect(200).body().path("items").get(0).has("seller_remark"))
                .isFalse();

        assertThat(ids(api.get("/api/v1/orders?flag=red", seller).expect(200).body())).containsExactly(flagged);
        assertThat(ids(api.get("/api/v1/orders?flag=blue", seller).expect(200).body())).isEmpty();
        api.get("/api/v1/orders?flag=red", buyer).expect(403);
        api.get("/api/v1/orders?flag=purple", seller).expect(400);
        assertThat(ids(api.get("/api/v1/orders", seller).expect(200).body())).contains(plain);

        Map<String, Object> cleared = new HashMap<>();
        cleared.put("remark", null);
        cleared.put("flag", null);
        api.put("/api/v1/orders/" + flagged + "/seller-remark", seller, cleared).expect(200);
        assertThat(api.order(flagged, seller, 3).has("seller_remark")).isFalse();
    }

    @Test
    void a_seller_adjusts_an_unpaid_orders_price_and_only_the_new_amount_pays_it() {
        List<Api.Sku> skus = api.createProduct(seller, "Adjustable", "30.00", 20, 20);
        String order = api.placeOrder(buyer, skus.get(0).skuId(), 1, skus.get(1).skuId(), 2).expect(201)
                .text("order_id");
        String path = "/api/v1/orders/" + order + "/price-adjustment";
        api.post(path, buyer, Map.of("pay_amount", "80.00", "reason", "x")).expect(403);
        api.post(path, otherSeller, Map.of("pay_amount", "80.00", "reason", "x"))
                .expectProblem(404, "ORDER_NOT_FOUND");
        api.post(path, seller, Map.of("reason", "x")).expect(400);
        api.post(path, seller, Map.of("pay_amount", "0.00", "reason", "x")).expect(400);
        api.post(path, seller, Map.of("pay_amount", "95.00", "reason", "涨价"))
                .expectProblem(422, "PRICE_ABOVE_ORIGINAL");

        long version = api.post(path, seller, Map.of("pay_amount", "80.00", "reason", "老客户优惠")).expect(200)
                .body().path("version").asLong();
        JsonNode adjusted = api.order(order, buyer, version);
        assertThat(adjusted.path("pay_amount").asString()).isEqualTo("80.00");
        assertThat(adjusted.path("price").path("seller_adjustment").asString()).isEqualTo("10.00");
        assertThat(adjusted.path("price").path("total_amount").asString()).isEqualTo("80.00");
        List<String> paid = adjusted.path("lines").findValuesAsString("paid_amount");
        assertThat(paid).containsExactlyInAnyOrder("26.67", "53.33"); // 10.00 over 30.00 and 60.00, to the fen
        assertThat(adjusted.path("log").get(1).path("action").asString()).isEqualTo("price_adjusted");
        assertThat(adjusted.path("log").get(1).path("message").asString()).contains("老客户优惠");

        api.pay(order, "90.00", "tx-old-" + order).expectProblem(422, "AMOUNT_MISMATCH");
        api.pay(order, "80.00", "tx-" + order).expect(200);
        api.post(path, seller, Map.of("pay_amount", "70.00", "reason", "x"))
                .expectProblem(409, "ORDER_NOT_ADJUSTABLE");
    }
}
