package io.ordersvc.standalone.order;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time travel over HTTP: an order at each of its versions and at an instant, folded from its events by the
 * projections' own handlers; the latest version equals the live read model but for the actions; refunds as they
 * were; who may ask; the refusals.
 */
class OrderTimeTravelIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyerId = uniqueId("buyer");
    final String buyer = token(buyerId, "buyer");
    final String admin = token("admin-time-travel", "admin");

    @Test
    void an_order_at_each_version_and_at_an_instant() {
        Api.Sku sku = api.createProduct(seller, "时光杯", "30.00", 10).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 2).expect(201).text("order_id");
        api.pay(orderId, "60.00", "tx-" + orderId).expect(200);
        api.ship(orderId, seller).expect(201);
        String line = api.order(orderId, buyer, 2).path("lines").get(0).path("order_line_id").asString();
        String refundStatus = api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", line,
                        "type", "refund_only", "goods_received", false, "reason", "quality_issue", "amount", "10.00"))
                .expect(201).text("status");
        api.order(orderId, buyer, 3);
        // The refund's own row follows the order's (the same transaction, maybe the next batch).
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> api.get(
                "/api/v1/orders/" + orderId, buyer).expect(200).body().path("refunds").size() == 1);
        JsonNode live = api.get("/api/v1/orders/" + orderId, buyer).expect(200).body();

        JsonNode placed = at(orderId, "at_version=0", buyer);
        assertThat(placed.path("status").asString()).isEqualTo("pending_payment");
        assertThat(placed.path("version").asLong()).isZero();
        assertThat(placed.has("payment")).isFalse();
        assertThat(placed.path("pay_amount").asString()).isEqualTo("60.00");
        assertThat(placed.path("log")).hasSize(1);
        assertThat(placed.path("refunds")).isEmpty();
        assertThat(placed.path("actions").path("can_pay").asBoolean()).as("the past cannot be acted on").isFalse();
        assertThat(placed.path("timers").get(0).path("type").asString()).isEqualTo("payment_timeout");

        JsonNode paid = at(orderId, "at_version=1", buyer);
        assertThat(paid.path("status").asString()).isEqualTo("to_ship");
        assertThat(paid.path("payment").path("amount").asString()).isEqualTo("60.00");
        assertThat(paid.path("shipments")).isEmpty();
        assertThat(at(orderId, "at_version=2", admin).path("status").asString()).isEqualTo("shipped");

        // As of the instant the payment was stored: the order at version 1, to the field.
        JsonNode history = api.get("/api/v1/orders/" + orderId + "/history", buyer).expect(200).body();
        assertThat(at(orderId, "as_of=" + history.get(1).path("at").asString(), buyer)).isEqualTo(paid);

        // The latest version is the live read model, field for field, but for what may be done now.
        JsonNode latest = at(orderId, "at_version=" + live.path("version").asLong(), buyer);
        assertThat(latest.path("refunds")).hasSize(1);
        assertThat(latest.path("refunds").get(0).path("status").asString()).isEqualTo(refundStatus);
        assertThat(latest.path("lines").get(0).path("refund_state").asString()).isEqualTo("applying");
        assertThat(withoutActions(latest)).isEqualTo(withoutActions(live));
        assertThat(at(orderId, "at_version=2", buyer).path("refunds")).as("no refund at version 2").isEmpty();
    }

    @Test
    void who_may_travel_and_the_refusals() {
        Api.Sku sku = api.createProduct(seller, "时光壶", "12.00", 10).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.order(orderId, buyer, 0);
        String path = "/api/v1/orders/" + orderId;
        api.get(path + "?at_version=0", seller).expectProblem(403, "FORBIDDEN");
        api.get(path + "?at_version=0", token(uniqueId("buyer"), "buyer")).expectProblem(404, "ORDER_NOT_FOUND");
        api.get(path + "?at_version=5", buyer).expectProblem(404, "ORDER_VERSION_NOT_FOUND");
        api.get(path + "?as_of=2000-01-01T00:00:00Z", buyer).expectProblem(404, "ORDER_NOT_FOUND");
        JsonNode both = api.get(path + "?at_version=0&as_of=2030-01-01T00:00:00Z", buyer)
                .expectProblem(400, "AMBIGUOUS_POINT_IN_TIME").body();
        assertThat(both.path("field").asString()).isEqualTo("at_version");
        api.get(path + "?at_version=-1", buyer).expect(400);
        api.get(path + "?as_of=yesterday", buyer).expect(400);
        assertThat(api.get(path, seller).expect(200).body().path("version").asLong()).as("live: the shop too")
                .isZero();
    }

    private JsonNode at(String orderId, String point, String token) {
        return api.get("/api/v1/orders/" + orderId + "?" + point, token).expect(200).body();
    }

    private static JsonNode withoutActions(JsonNode detail) {
        ObjectNode copy = (ObjectNode) detail.deepCopy();
        copy.remove("actions");
        return copy;
    }
}
