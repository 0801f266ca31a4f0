package io.ordersvc.standalone.web;

import io.ordersvc.platform.security.TokenMinter;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.RawToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.FilterChainProxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md's access rules: 401 without a valid token, 403 for the wrong role, 404 for someone else's order. */
class AccessIT extends IntegrationTest {

    String seller;
    String buyer;
    String orderId;
    Sku sku;

    @BeforeEach
    void anOrder() {
        seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        buyer = token(uniqueId("buyer"), "buyer");
        sku = api.createProduct(seller, "Lamp", "99.00", 10).get(0);
        orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.order(orderId, buyer, 0);
    }

    @Autowired
    ObjectPostProcessor<FilterChainProxy.FilterChainDecorator> filterChainDecorators;
    @Autowired
    ObjectPostProcessor<AuthenticationManager> authenticationManagers;

    /** No no-op observation is wrapped around each security filter and each authentication (SecurityConfig). */
    @Test
    void the_security_filters_and_the_authentication_run_unwrapped() {
        FilterChainProxy.FilterChainDecorator plain = new FilterChainProxy.VirtualFilterChainDecorator();
        assertThat(filterChainDecorators.postProcess(plain)).isSameAs(plain);
        AuthenticationManager manager = authentication -> authentication;
        assertThat(authenticationManagers.postProcess(manager)).isSameAs(manager);
    }

    @Test
    void no_bad_or_expired_token_is_401() {
        api.get("/api/v1/orders", null).expectProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/orders", "not-a-jwt").expectProblem(401, "UNAUTHENTICATED");
        String forged = new TokenMinter("some-other-secret-0123456789abcdefghij")
                .mint("x", List.of("admin"), null, Duration.ofHours(1), Instant.now());
        api.get("/api/v1/orders", forged).expectProblem(401, "UNAUTHENTICATED");
        String expired = new TokenMinter(Api.SECRET)
                .mint("x", List.of("admin"), null, Duration.ofMinutes(5), Instant.now().minus(Duration.ofHours(2)));
        api.get("/api/v1/orders", expired).expectProblem(401, "UNAUTHENTICATED");
        api.placeOrder(null, sku.skuId(), 1).expectProblem(401, "UNAUTHENTICATED");
    }

    /** Each claim the service reads is checked before the token is accepted (IdentityClaims). */
    @Test
    void a_signed_token_with_a_bad_claim_is_401_saying_which() {
        long now = Instant.now().getEpochSecond();
        String exp = "\"exp\":" + (now + 3600);
        String good = "{\"sub\":\"u-1\"," + exp + ",\"roles\":[\"admin\"]}";
        api.get("/api/v1/orders", RawToken.sign(good)).expect(200); // the signing helper itself is sound
        String seller = "\"sub\":\"s-1\"," + exp + ",\"roles\":[\"seller\"]";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{" + exp + ",\"roles\":[\"admin\"]}", "sub");
        refused.put("{\"sub\":\"\"," + exp + ",\"roles\":[\"admin\"]}", "sub");
        refused.put("{\"sub\":\"   \"," + exp + ",\"roles\":[\"admin\"]}", "sub");
        refused.put("{\"sub\":\" u-1\"," + exp + ",\"roles\":[\"admin\"]}", "sub");
        refused.put("{\"sub\":\"u\\u0000\"," + exp + ",\"roles\":[\"admin\"]}", "sub");
        refused.put("{\"sub\":\"u-1\",\"roles\":[\"admin\"]}", "exp");
        refused.put("{\"sub\":\"u-1\",\"exp\":1000000000000000000,\"roles\":[\"admin\"]}", "exp");
        refused.put("{\"sub\":\"u-1\",\"exp\":" + (now + 8 * 86400) + ",\"roles\":[\"admin\"]}", "exp");
        refused.put("{\"sub\":\"u-1\"," + exp + ",\"roles\":\"admin\"}", "roles");
        refused.put("{\"sub\":\"u-1\"," + exp + ",\"roles\":[\"admin\",1]}", "roles");
        refused.put("{\"sub\":\"u-1\"," + exp + "}", "roles");
        refused.put("{" + seller + ",\"shop_id\":null}", "shop_id");
        refused.put("{" + seller + ",\"shop_id\":[\"shop-a\"]}", "shop_id");
        refused.put("{" + seller + ",\"shop_id\":{\"id\":\"shop-a\"}}", "shop_id");
        refused.put("{" + seller + ",\"shop_id\":true}", "shop_id");
        refused.put("{" + seller + ",\"shop_id\":\" \"}", "shop_id");
        refused.put("{" + seller + "}", "shop_id");
        long before = storedEvents();
        refused.forEach((payload, claim) -> {
            String token = RawToken.sign(payload);
            var answer = api.get("/api/v1/orders", token).expectProblem(401, "UNAUTHENTICATED");
            assertThat(answer.header("WWW-Authenticate")).as(payload)
                    .contains("error=\"invalid_token\"").contains(claim);
            assertThat(answer.text("detail")).as(payload).contains(claim);
            api.post("/api/v1/products", token, Map.of("name", "x", "skus", List.of()))
                    .expectProblem(401, "UNAUTHENTICATED");
        });
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void the_system_role_sees_the_receiver_masked_and_an_admin_in_full() {
        String system = token("pay-gateway", "system");
        var asSystem = api.order(orderId, system, 0);
        assertThat(asSystem.path("receiver").path("name").asString()).isEqualTo("张*");
        assertThat(asSystem.path("receiver").path("phone").asString()).isEqualTo("138****8000");
        assertThat(asSystem.path("receiver").path("address").asString()).isEqualTo("***");
        assertThat(asSystem.path("receiver").path("city").asString()).isEqualTo("深圳市");
        assertThat(asSystem.path("pay_amount").asString()).isEqualTo("99.00");
        var listed = api.get("/api/v1/orders?order_no=" + asSystem.path("order_no").asString(), system).expect(200);
        assertThat(listed.body().path("items").path(0).path("receiver_name").asString()).isEqualTo("张*");
        assertThat(listed.body().path("items").path(0).path("receiver_phone").asString()).isEqualTo("138****8000");
        var asAdmin = api.order(orderId, token(uniqueId("admin"), "admin"), 0);
        assertThat(asAdmin.path("receiver").path("name").asString()).isEqualTo("张三");
        assertThat(asAdmin.path("receiver").path("phone").asString()).isEqualTo("13800138000");
        assertThat(asAdmin.path("receiver").path("address").asString()).isEqualTo("科技园路1号");
    }

    @Test
    void the_wrong_role_is_403_and_changes_nothing() {
        long before = storedEvents();
        api.post("/api/v1/products", buyer, Map.of("name", "x", "skus", List.of()))
                .expectProblem(403, "FORBIDDEN");
        api.pay(orderId, "99.00", "tx").expect(200); // the system role may pay...
        api.post("/api/v1/orders/" + orderId + "/pay", buyer,
                Map.of("amount", "99.00", "channel", "wechat", "transaction_no", "tx-2")).expectProblem(403, "FORBIDDEN");
        api.post("/api/v1/orders", seller, Api.orderBody(sku.skuId(), 1)).expectProblem(403, "FORBIDDEN");
        api.post("/api/v1/orders/" + orderId + "/shipments", buyer,
                Map.of("carrier_code", "SF", "carrier_name", "顺丰", "tracking_no", "1")).expectProblem(403, "FORBIDDEN");
        api.get("/api/v1/orders/" + orderId + "/history", seller).expectProblem(403, "FORBIDDEN");
        String noRole = new TokenMinter(Api.SECRET).mint("x", List.of("guest"), null, Duration.ofHours(1),
                Instant.now());
        api.get("/api/v1/orders", noRole).expectProblem(403, "FORBIDDEN");
        assertThat(storedEvents()).isEqualTo(before + 1); // only the payment
    }

    @Test
    void someone_elses_order_is_404_as_if_it_did_not_exist() {
        String stranger = token(uniqueId("buyer"), "buyer");
        String otherSeller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        api.get("/api/v1/orders/" + orderId, stranger).expectProblem(404, "ORDER_NOT_FOUND");
        api.get("/api/v1/orders/" + orderId + "/log", stranger).expectProblem(404, "ORDER_NOT_FOUND");
        api.get("/api/v1/orders/" + orderId + "/history", stranger).expectProblem(404, "ORDER_NOT_FOUND");
        api.get("/api/v1/orders/" + orderId, otherSeller).expectProblem(404, "ORDER_NOT_FOUND");
        api.post("/api/v1/orders/" + orderId + "/cancel", stranger, Map.of("reason", "x"))
                .expectProblem(404, "ORDER_NOT_FOUND");
        api.post("/api/v1/orders/" + orderId + "/cancel", otherSeller, Map.of("reason", "x"))
                .expectProblem(404, "ORDER_NOT_FOUND");
        api.pay(orderId, "99.00", "tx").expect(200);
        api.post("/api/v1/orders/" + orderId + "/shipments", otherSeller,
                        Map.of("carrier_code", "SF", "carrier_name", "顺丰", "tracking_no", "1"))
                .expectProblem(404, "ORDER_NOT_FOUND");
        api.get("/api/v1/orders/" + java.util.UUID.randomUUID(), buyer).expectProblem(404, "ORDER_NOT_FOUND");
        api.pay(java.util.UUID.randomUUID().toString(), "1.00", "tx").expectProblem(404, "ORDER_NOT_FOUND");
    }

    @Test
    void the_shops_seller_and_admins_see_the_order_and_the_owner_reads_its_history() {
        api.get("/api/v1/orders/" + orderId, seller).expect(200);
        api.get("/api/v1/orders/" + orderId, token("admin-1", "admin")).expect(200);
        api.get("/api/v1/orders/" + orderId + "/history", token("admin-1", "admin")).expect(200);
        api.get("/api/v1/orders/" + orderId + "/history", buyer).expect(200);
    }

    @Test
    void a_seller_manages_only_the_stock_of_their_own_shop() {
        String path = "/api/v1/products/" + sku.productId() + "/skus/" + sku.skuId() + "/stock";
        api.post(path, token(uniqueId("seller"), "seller", uniqueId("shop")), Map.of("delta", 5))
                .expectProblem(404, "PRODUCT_NOT_FOUND");
        var restocked = api.post(path, seller, Map.of("delta", 5)).expect(200);
        assertThat(restocked.body().path("stock").asLong()).isEqualTo(14);
        api.post(path, seller, Map.of("delta", -100)).expectProblem(409, "STOCK_BELOW_ZERO");
    }

    /**
     * An id of another kind in a command's path (an order's id where a refund's goes, a product's where an order's
     * goes) answers the slot's own 404, as an id that does not exist: never a 500 that would tell it exists.
     */
    @Test
    void an_id_of_another_kind_is_the_resources_own_404() {
        String admin = token("admin-1", "admin");
        String paid = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(paid, "99.00", "tx-" + paid).expect(200);
        String line = api.order(paid, buyer, 1).path("lines").get(0).path("order_line_id").asString();
        String refundId = api.post("/api/v1/orders/" + paid + "/refunds", buyer, Map.of("order_line_id", line,
                "type", "refund_only", "goods_received", false, "reason", "other", "amount", "1.00"))
                .expect(201).text("refund_id");
        for (String other : List.of(refundId, sku.productId(), sku.skuId())) {
            api.post("/api/v1/orders/" + other + "/cancel", admin, Map.of("reason", "x"))
                    .expectProblem(404, "ORDER_NOT_FOUND");
            api.post("/api/v1/orders/" + other + "/receipt", admin, null).expectProblem(404, "ORDER_NOT_FOUND");
            api.post("/api/v1/orders/" + other + "/refunds", admin, Map.of("order_line_id", line, "type",
                    "refund_only", "goods_received", false, "reason", "other", "amount", "1.00"))
                    .expectProblem(404, "ORDER_NOT_FOUND");
        }
        for (String other : List.of(orderId, sku.productId())) {
            api.post("/api/v1/refunds/" + other + "/cancel", buyer, null).expectProblem(404, "REFUND_NOT_FOUND");
            api.post("/api/v1/refunds/" + other + "/approve", admin, Map.of()).expectProblem(404, "REFUND_NOT_FOUND");
            api.post("/api/v1/refunds/" + other + "/return-shipment", buyer, Map.of("carrier_code", "SF",
                    "carrier_name", "顺丰", "tracking_no", "SF1")).expectProblem(404, "REFUND_NOT_FOUND");
        }
        for (String other : List.of(orderId, refundId)) {
            api.post("/api/v1/products/" + other + "/skus/" + sku.skuId() + "/stock", admin, Map.of("delta", 1))
                    .expectProblem(404, "PRODUCT_NOT_FOUND");
        }
    }

    /**
     * Browsers may call from the configured origins only (IntegrationTest allows https://back-office.example.test and
     * https://*.shops.example.test): the preflight says what they may send, the answer which headers they may read;
     * any other origin is refused as problem+json and changes nothing.
     */
    @Test
    void browsers_call_from_the_allowed_origins_only() {
        for (String origin : List.of("https://back-office.example.test", "https://north.shops.example.test")) {
            var preflight = api.send("OPTIONS", "/api/v1/orders", null, null, Map.of("Origin", origin,
                    "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));
            assertThat(preflight.status()).as(origin).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
                    .contains("authorization", "content-type", "idempotency-key");
            assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("3600");
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
            var read = api.send("GET", "/api/v1/orders/" + orderId, buyer, null, Map.of("Origin", origin));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            assertThat(read.header("Access-Control-Expose-Headers")).contains("X-Request-Id", "Location");
        }
        String other = "https://evil.example.test";
        var preflight = api.send("OPTIONS", "/api/v1/orders", null, null, Map.of("Origin", other,
                "Access-Control-Request-Method", "POST"));
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.code()).isEqualTo("CORS_ORIGIN_REFUSED");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        long before = storedEvents();
        var cancel = api.send("POST", "/api/v1/orders/" + orderId + "/cancel", buyer, Map.of("reason", "changed mind"),
                Map.of("Origin", other));
        cancel.expectProblem(403, "CORS_ORIGIN_REFUSED");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(api.order(orderId, buyer, 0).path("status").asText()).isEqualTo("pending_payment");
        // a method the preflight does not allow is refused too, from an allowed origin
        api.send("OPTIONS", "/api/v1/orders", null, null, Map.of("Origin", "https://back-office.example.test",
                "Access-Control-Request-Method", "TRACE")).expectProblem(403, "CORS_ORIGIN_REFUSED");
    }
}
