package io.ordersvc.standalone.order;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Response;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

class OrderLifecycleIT extends IntegrationTest {

    @Test
    void an_order_walks_from_placement_to_review_and_every_step_is_logged_and_stored() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        Sku sku = api.createProduct(seller, "纯棉T恤", "22.00", 10).get(0);

        Response placed = api.send("POST", "/api/v1/orders", buyer, Api.orderBody(sku.skuId(), 2),
                Map.of("X-Request-Id", "req-lifecycle-1")).expect(201);
        String orderId = placed.text("order_id");
        assertThat(placed.header("Location")).isEqualTo("/api/v1/orders/" + orderId);
        assertThat(placed.text("order_no")).matches("[0-9]{20}");
        assertThat(placed.text("status")).isEqualTo("pending_payment");
        assertThat(placed.text("goods_amount")).isEqualTo("44.00");
        assertThat(placed.text("shipping_fee")).isEqualTo("0.00");
        assertThat(placed.text("pay_amount")).isEqualTo("44.00");
        assertThat(placed.body().path("points_earned").asLong()).isEqualTo(44);
        assertThat(placed.body().path("version").asLong()).isZero();
        Instant created = Instant.parse(placed.text("created_at"));
        assertThat(Instant.parse(placed.text("payable_until"))).isEqualTo(created.plus(Duration.ofHours(24)));

        api.pay(orderId, "44.00", "tx-" + orderId).expect(200);
        Response shipped = api.ship(orderId, seller).expect(201);
        assertThat(shipped.text("status")).isEqualTo("shipped");
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expect(200);
        Response reviewed = api.post("/api/v1/orders/" + orderId + "/review", buyer,
                Map.of("rating", 5, "content", "很好")).expect(200);
        assertThat(reviewed.body().path("version").asLong()).isEqualTo(4);

        JsonNode order = api.order(orderId, buyer, 4);
        assertThat(order.path("status").asString()).isEqualTo("completed");
        assertThat(order.path("review_pending").asBoolean()).isFalse();
        assertThat(order.path("review").path("rating").asInt()).isEqualTo(5);
        assertThat(order.path("payment").path("transaction_no").asString()).isEqualTo("tx-" + orderId);
        JsonNode line = order.path("lines").get(0);
        assertThat(line.path("product_name").asString()).isEqualTo("纯棉T恤");
        assertThat(line.path("properties").path("颜色").asString()).isEqualTo("色0");
        assertThat(line.path("unit_price").asString()).isEqualTo("22.00");
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(line.path("shipped_quantity").asInt()).isEqualTo(2);
        assertThat(line.path("refund_state").asString()).isEqualTo("none");
        assertThat(line.path("refunded_amount").asString()).isEqualTo("0.00");
        assertThat(order.path("shipments")).hasSize(1);
        assertThat(order.path("shipments").get(0).path("carrier_code").asString()).isEqualTo("SF");
        assertThat(order.path("receiver").path("phone").asString()).isEqualTo("13800138000");
        assertThat(order.path("actions").path("can_delete").asBoolean()).isTrue();
        assertThat(order.path("actions").path("can_review").asBoolean()).isFalse();

        List<String> actions = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        order.path("log").forEach(e -> {
            actions.add(e.path("action").asString());
            roles.add(e.path("actor_role").asString());
        });
        assertThat(actions).containsExactly("placed", "paid", "shipped", "receipt_confirmed", "reviewed");
        assertThat(roles).containsExactly("buyer", "system", "seller", "buyer", "buyer");
        assertThat(order.path("log").get(0).path("actor_id").asString()).isEqualTo(buyerId);
        assertThat(order.path("log").get(2).path("status_after").asString()).isEqualTo("shipped");

        Response log = api.get("/api/v1/orders/" + orderId + "/log", buyer).expect(200);
        assertThat(log.body()).hasSize(5);

        Response history = api.get("/api/v1/orders/" + orderId + "/history", buyer).expect(200);
        assertThat(history.body()).hasSize(5);
        JsonNode first = history.body().get(0);
        assertThat(first.path("sequence").asLong()).isZero();
        assertThat(first.path("type").asString()).isEqualTo("OrderPlaced");
        assertThat(first.path("payload").path("buyer_id").asString()).isEqualTo(buyerId);
        assertThat(first.path("payload").has("buyerId")).as("one spelling: snake_case").isFalse();
        assertThat(first.path("revision").asString())
                .as("OrderPlaced carries its price since revision 2, the seller's adjustment in it since 3, its "
                        + "receiver sealed since 4")
                .isEqualTo("4");
        assertThat(first.path("payload").path("price").path("pay_amount").asString()).isNotEmpty();
        assertThat(history.body().get(2).path("type").asString()).isEqualTo("OrderShipped");
        assertThat(history.body().get(2).path("revision").asString()).isEqualTo("2");
        assertThat(history.body().get(2).path("payload").path("auto_confirm_at").asString()).isNotEmpty();
        assertThat(first.path("metadata").has("correlationId")).isFalse();
        assertThat(first.path("metadata").path("actor_id").asString()).isEqualTo(buyerId);
        assertThat(first.path("metadata").path("actor_role").asString()).isEqualTo("buyer");
        assertThat(first.path("metadata").path("correlation_id").asString()).isEqualTo("req-lifecycle-1");
        assertThat(history.body().get(1).path("metadata").path("actor_role").asString()).isEqualTo("system");

        JsonNode product = api.product(sku.productId(), buyer, 1);
        assertThat(product.path("skus").get(0).path("stock").asLong()).isEqualTo(8);

        // Deleting hides the finished order from the buyer's list, but its detail and history stay.
        Response deleted = api.delete("/api/v1/orders/" + orderId, buyer).expect(200);
        api.order(orderId, buyer, deleted.body().path("version").asLong());
        assertThat(api.get("/api/v1/orders", buyer).body().path("total").asLong()).isZero();
        assertThat(api.get("/api/v1/orders/" + orderId, buyer).body().path("deleted_by_buyer").asBoolean()).isTrue();
        api.delete("/api/v1/orders/" + orderId, buyer).expect(200);
    }

    @Test
    void an_order_ships_in_several_packages_and_is_shipped_when_every_line_is() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyer = token(uniqueId("buyer"), "buyer");
        List<Sku> skus = api.createProduct(seller, "Mug", "9.90", 5, 5);
        String orderId = api.placeOrder(buyer, skus.get(0).skuId(), 2, skus.get(1).skuId(), 1).expect(201)
                .text("order_id");
        api.pay(orderId, "29.70", "tx-" + orderId).expect(200);
        JsonNode order = api.order(orderId, seller, 1);
        String line1 = order.path("lines").get(0).path("order_line_id").asString();

        Response first = api.post("/api/v1/orders/" + orderId + "/shipments", seller, Map.of("carrier_code", "SF",
                "carrier_name", "顺丰", "tracking_no", "SF-A", "lines",
                List.of(Map.of("order_line_id", line1, "quantity", 1)))).expect(201);
        assertThat(first.text("status")).isEqualTo("to_ship");
        api.post("/api/v1/orders/" + orderId + "/shipments", seller, Map.of("carrier_code", "SF",
                        "carrier_name", "顺丰", "tracking_no", "SF-B", "lines",
                        List.of(Map.of("order_line_id", line1, "quantity", 2))))
                .expectProblem(422, "SHIP_QUANTITY_EXCEEDS");
        Response rest = api.post("/api/v1/orders/" + orderId + "/shipments", seller, Map.of("carrier_code", "YTO",
                "carrier_name", "圆通", "tracking_no", "YT-C")).expect(201);
        assertThat(rest.text("status")).isEqualTo("shipped");

        JsonNode shipped = api.order(orderId, seller, rest.body().path("version").asLong());
        assertThat(shipped.path("shipments")).hasSize(2);
        assertThat(shipped.path("lines").get(0).path("shipped_quantity").asInt()).isEqualTo(2);
        assertThat(shipped.path("lines").get(1).path("shipped_quantity").asInt()).isEqualTo(1);
        api.ship(orderId, seller).expectProblem(409, "ORDER_NOT_SHIPPABLE");
    }

    @Test
    void cancelling_releases_the_stock_and_a_cancelled_order_cannot_be_paid() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Sku sku = api.createProduct(seller, "Pen", "3.50", 5).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 3).expect(201).text("order_id");
        assertThat(api.product(sku.productId(), buyer, 1).path("skus").get(0).path("stock").asLong()).isEqualTo(2);

        Response cancelled = api.post("/api/v1/orders/" + orderId + "/cancel", buyer, Map.of("reason", "买错了"))
                .expect(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        JsonNode released = api.product(sku.productId(), buyer, 2);
        assertThat(released.path("skus").get(0).path("stock").asLong()).isEqualTo(5);
        assertThat(released.path("version").asLong()).as("created, reserved, released").isEqualTo(2);

        JsonNode order = api.order(orderId, buyer, 1);
        assertThat(order.path("cancel_reason").asString()).isEqualTo("买错了");
        assertThat(order.path("log").get(1).path("action").asString()).isEqualTo("cancelled");
        assertThat(order.path("actions").path("can_pay").asBoolean()).isFalse();
        api.post("/api/v1/orders/" + orderId + "/cancel", buyer, Map.of("reason", "again"))
                .expectProblem(409, "ORDER_NOT_CANCELLABLE");
        api.pay(orderId, "10.50", "tx-late").expectProblem(409, "ORDER_NOT_PAYABLE");
    }

    @Test
    void payment_must_match_and_a_retried_payment_answers_the_first_result() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Sku sku = api.createProduct(seller, "Cup", "12.34", 5).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");

        api.pay(orderId, "12.33", "tx-1").expectProblem(422, "AMOUNT_MISMATCH");
        Response first = api.pay(orderId, "12.34", "tx-1").expect(200);
        Response retried = api.pay(orderId, "12.34", "tx-1").expect(200);
        assertThat(retried.body()).isEqualTo(first.body());
        api.pay(orderId, "12.34", "tx-2").expectProblem(409, "ORDER_ALREADY_PAID");
        assertThat(api.get("/api/v1/orders/" + orderId + "/history", buyer).body()).hasSize(2);
        assertThat(first.body().path("payment").path("transaction_no").asString()).isEqualTo("tx-1");
        api.post("/api/v1/orders/" + orderId + "/pay", token("pay-gateway", "system"), Map.of("amount", "12.34",
                "channel", "bitcoin", "transaction_no", "tx-3")).expectProblem(400, "MALFORMED_REQUEST");

        // Reported again after the order moved on: that payment, and the order as it is now.
        api.ship(orderId, seller).expect(201);
        Response late = api.pay(orderId, "12.34", "tx-1").expect(200);
        assertThat(late.text("status")).isEqualTo("shipped");
        assertThat(late.body().path("version").asLong()).isEqualTo(2);
        assertThat(late.body().path("payment")).isEqualTo(first.body().path("payment"));
    }

    @Test
    void a_points_exchange_order_costs_points_not_money() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        Sku sku = api.createProduct(seller, "Gift", "50.00", 5).get(0);
        Map<String, Object> body = Api.orderBody(sku.skuId(), 2);
        body.put("order_type", "points_exchange");
        api.post("/api/v1/orders", buyer, body).expectProblem(422, "INSUFFICIENT_POINTS");

        api.post("/api/v1/members/" + buyerId + "/points", token("admin-1", "admin"), Map.of("delta", 250,
                "reason", "积分兑换测试")).expect(200);
        Response placed = api.post("/api/v1/orders", buyer, body).expect(201);
        assertThat(placed.text("pay_amount")).isEqualTo("0.00");
        assertThat(placed.body().path("points_amount").asLong()).isEqualTo(200);
        assertThat(placed.body().path("points_earned").asLong()).isZero();
        assertThat(placed.text("status")).as("its points are frozen in the wallet: nothing left to collect")
                .isEqualTo("to_ship");
        api.post("/api/v1/orders", buyer, body).expectProblem(422, "INSUFFICIENT_POINTS");
    }

    @Test
    void a_read_that_cannot_reach_the_asked_version_says_it_is_stale() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Sku sku = api.createProduct(seller, "Bag", "8.00", 5).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.order(orderId, buyer, 0);

        Response stale = api.get("/api/v1/orders/" + orderId + "?min_version=7", buyer).expect(200);
        assertThat(stale.header("X-Read-Model-Stale")).isEqualTo("true");
        assertThat(stale.body().path("version").asLong()).isZero();
    }
}
