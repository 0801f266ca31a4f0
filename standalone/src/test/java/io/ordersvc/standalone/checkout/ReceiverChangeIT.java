package io.ordersvc.standalone.checkout;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new receiver over HTTP: shipping priced again for the new region by the shop's freight template (¥8 the first
 * piece, ¥2 each further one, free from ¥99 in Shanghai, none to 710000), the price of an unpaid order following it.
 */
class ReceiverChangeIT extends ShopFixtures {

    static Map<String, Object> receiver(String region) {
        Map<String, Object> r = new HashMap<>(Map.of("name", "李四", "phone", "13900001111", "province", "上海市",
                "city", "上海市", "district", "徐汇区", "address", "漕溪北路1号"));
        if (region != null) {
            r.put("region_code", region);
        }
        return r;
    }

    @Test
    void an_unpaid_order_moved_to_shanghai_ships_free_and_costs_less() {
        Shop shop = shop();
        String coat = sku(shop, "大衣", "120.00", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        JsonNode placed = api.post("/api/v1/checkouts", buyer, body("110105", coat, 1)).expect(201).body();
        String orderId = placed.path("orders").get(0).path("order_id").asString();
        assertThat(placed.path("pay_amount").asString()).isEqualTo("128.00");
        String path = "/api/v1/orders/" + orderId + "/receiver";

        api.put(path, token(uniqueId("buyer"), "buyer"), receiver("310104")).expectProblem(404, "ORDER_NOT_FOUND");
        api.put(path, buyer, receiver("710000")).expectProblem(422, "REGION_NOT_DELIVERABLE");
        api.put(path, buyer, receiver(null)).expectProblem(422, "REGION_CODE_REQUIRED");
        api.put(path, buyer, receiver("12")).expect(400);
        long version = api.put(path, buyer, receiver("310104")).expect(200).body().path("version").asLong();

        JsonNode moved = api.order(orderId, buyer, version);
        assertThat(moved.path("receiver").path("name").asString()).isEqualTo("李四");
        assertThat(moved.path("receiver").path("region_code").asString()).isEqualTo("310104");
        assertThat(moved.path("shipping_fee").asString()).isEqualTo("0.00");
        assertThat(moved.path("pay_amount").asString()).isEqualTo("120.00");
        assertThat(moved.path("price").path("total_amount").asString()).isEqualTo("120.00");
        assertThat(moved.path("log").get(1).path("action").asString()).isEqualTo("receiver_changed");
        api.pay(orderId, "128.00", "tx-old-" + orderId).expectProblem(422, "AMOUNT_MISMATCH");
        api.pay(orderId, "120.00", "tx-" + orderId).expect(200);
    }

    @Test
    void a_paid_order_moves_only_where_shipping_costs_the_same_and_never_after_it_shipped() {
        Shop shop = shop();
        String coat = sku(shop, "大衣", "30.00", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        String orderId = api.post("/api/v1/checkouts", buyer, body("110105", coat, 1)).expect(201).body()
                .path("orders").get(0).path("order_id").asString();
        api.pay(orderId, "38.00", "tx-" + orderId).expect(200);
        String path = "/api/v1/orders/" + orderId + "/receiver";

        api.put(path, buyer, receiver("440305")).expect(200); // ¥8 to Shenzhen too
        api.put(path, shop.seller(), receiver("310104")).expect(200); // under ¥99: ¥8 to Shanghai as well
        api.ship(orderId, shop.seller()).expect(201);
        api.put(path, buyer, receiver("110105")).expectProblem(409, "RECEIVER_NOT_CHANGEABLE");
        assertThat(api.order(orderId, buyer, 4).path("receiver").path("region_code").asString()).isEqualTo("310104");

        String dear = sku(shop, "大衣", "100.00", 10);
        String second = api.post("/api/v1/checkouts", buyer, body("110105", dear, 1)).expect(201).body()
                .path("orders").get(0).path("order_id").asString();
        api.pay(second, "108.00", "tx-" + second).expect(200);
        api.put("/api/v1/orders/" + second + "/receiver", buyer, receiver("310104"))
                .expectProblem(409, "SHIPPING_FEE_CHANGED");
    }
}
