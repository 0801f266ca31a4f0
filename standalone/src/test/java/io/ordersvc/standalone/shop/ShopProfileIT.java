package io.ordersvc.standalone.shop;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Shop profiles over HTTP: saved by the shop, shown on its orders, and the addresses returns are sent to. */
class ShopProfileIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");

    static Map<String, Object> address(String name, String address, boolean isDefault) {
        Map<String, Object> a = new HashMap<>(Map.of("name", name, "phone", "021-12345678", "address", address));
        a.put("default", isDefault);
        return a;
    }

    Map<String, Object> profile(List<Map<String, Object>> addresses) {
        return Map.of("name", "小米官方旗舰店", "service_phone", "400-100-5678", "return_addresses", addresses);
    }

    /** A paid order of the shop with a return requested on its line; the refund's id. */
    String returnRequested() {
        Api.Sku sku = api.createProduct(seller, "Returnable", "5.00", 10).get(0);
        String order = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(order, "5.00", "tx-" + order).expect(200);
        String line = api.order(order, buyer, 1).path("lines").get(0).path("order_line_id").asString();
        return api.post("/api/v1/orders/" + order + "/refunds", buyer, Map.of("order_line_id", line, "type",
                "return_and_refund", "goods_received", true, "reason", "quality_issue", "amount", "5.00"))
                .expect(201).text("refund_id");
    }

    @Test
    void a_shop_saves_its_profile_and_every_order_shows_its_name_and_phone() {
        Api.Sku sku = api.createProduct(seller, "Profiled", "5.00", 10).get(0);
        String order = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        assertThat(api.order(order, buyer, 0).path("shop_name").isNull()).as("no profile yet").isTrue();

        long version = api.put("/api/v1/shops/" + shop, seller, profile(List.of(
                address("退货组", "上海市浦东新区张江路100号", false), address("仓库", "苏州市工业园区2号", true))))
                .expect(200).body().path("version").asLong();
        api.put("/api/v1/shops/" + shop, token(uniqueId("seller"), "seller", uniqueId("shop")),
                profile(List.of())).expect(403);
        api.put("/api/v1/shops/" + shop, buyer, profile(List.of())).expect(403);
        api.put("/api/v1/shops/" + shop, seller, profile(List.of(address("a", "x", true), address("b", "y", true))))
                .expectProblem(422, "INVALID_RETURN_ADDRESSES");
        api.put("/api/v1/shops/" + shop, seller, Map.of("name", "", "service_phone", "x")).expect(400);
        api.put("/api/v1/shops/bad%20id", seller, profile(List.of())).expect(400);

        JsonNode mine = api.get("/api/v1/shops/" + shop + "?min_version=" + version, seller).expect(200).body();
        assertThat(mine.path("name").asString()).isEqualTo("小米官方旗舰店");
        assertThat(mine.path("return_addresses")).hasSize(2);
        assertThat(mine.path("return_addresses").get(1).path("default").asBoolean()).isTrue();
        JsonNode seen = api.get("/api/v1/shops/" + shop, buyer).expect(200).body();
        assertThat(seen.has("return_addresses")).as("the shop's and admins' only").isFalse();
        api.get("/api/v1/shops/" + uniqueId("shop"), buyer).expectProblem(404, "SHOP_NOT_FOUND");

        JsonNode detail = api.order(order, buyer, 0);
        assertThat(detail.path("shop_name").asString()).isEqualTo("小米官方旗舰店");
        assertThat(detail.path("shop_service_phone").asString()).isEqualTo("400-100-5678");
        JsonNode listed = api.get("/api/v1/orders", buyer).expect(200).body().path("items").get(0);
        assertThat(listed.path("shop_name").asString()).isEqualTo("小米官方旗舰店");
    }

    @Test
    void a_return_approval_takes_an_address_of_the_shop_or_its_default() {
        String noProfile = returnRequested();
        api.post("/api/v1/refunds/" + noProfile + "/approve", seller, Map.of())
                .expectProblem(422, "RETURN_ADDRESS_REQUIRED");

        long version = api.put("/api/v1/shops/" + shop, seller, profile(List.of(
                address("退货组", "上海市浦东新区张江路100号", false), address("仓库", "苏州市工业园区2号", true))))
                .expect(200).body().path("version").asLong();
        JsonNode addresses = api.get("/api/v1/shops/" + shop + "?min_version=" + version, seller).expect(200).body()
                .path("return_addresses");
        String first = addresses.get(0).path("address_id").asString();

        api.post("/api/v1/refunds/" + noProfile + "/approve", seller, Map.of()).expect(200);
        assertThat(api.get("/api/v1/refunds/" + noProfile + "?min_version=1", buyer).expect(200).body()
                .path("return_address").asString()).as("the default").contains("苏州市工业园区2号");

        String named = returnRequested();
        api.post("/api/v1/refunds/" + named + "/approve", seller, Map.of("return_address_id",
                java.util.UUID.randomUUID().toString())).expectProblem(422, "UNKNOWN_RETURN_ADDRESS");
        api.post("/api/v1/refunds/" + named + "/approve", seller, Map.of("return_address_id", first)).expect(200);
        assertThat(api.get("/api/v1/refunds/" + named + "?min_version=1", buyer).expect(200).body()
                .path("return_address").asString()).contains("上海市浦东新区张江路100号", "退货组");
    }
}
