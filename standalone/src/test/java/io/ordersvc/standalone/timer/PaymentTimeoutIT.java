package io.ordersvc.standalone.timer;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

class PaymentTimeoutIT extends IntegrationTest {

    @Autowired
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Deadlines that mention this order (task_data holds the serialized payload with the order id). */
    private long timersOf(String orderId) {
        byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
        return jdbc.query("SELECT task_data FROM scheduled_tasks", (rs, i) -> rs.getBytes(1)).stream()
                .filter(data -> data != null && new String(data, StandardCharsets.ISO_8859_1)
                        .contains(new String(id, StandardCharsets.ISO_8859_1)))
                .count();
    }

    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void an_unpaid_order_expires_at_payable_until_and_its_stock_returns() throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Sku sku = api.createProduct(seller, "Timed", "5.00", 10).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 3).expect(201).text("order_id");
        JsonNode placed = api.order(orderId, buyer, 0);
        JsonNode timer = placed.path("timers").get(0);
        assertThat(timer.path("type").asString()).isEqualTo("payment_timeout");
        assertThat(timer.path("due_at").asString()).isEqualTo(placed.path("payable_until").asString());
        eventually(() -> assertThat(timersOf(orderId)).isEqualTo(1));

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        JsonNode expired = api.order(orderId, buyer, 1);
        assertThat(expired.path("status").asString()).isEqualTo("cancelled");
        assertThat(expired.path("cancel_reason").asString()).isEqualTo("payment_timeout");
        assertThat(expired.path("timers")).isEmpty();
        JsonNode last = expired.path("log").get(1);
        assertThat(last.path("actor_role").asString()).isEqualTo("system");
        assertThat(last.path("action").asString()).isEqualTo("cancelled");
        assertThat(api.product(sku.productId(), buyer, 2).path("skus").get(0).path("stock").asLong()).isEqualTo(10);
        eventually(() -> assertThat(timersOf(orderId)).isZero());

        // Money that arrives now is refused but kept on record (once per transaction) so it can be paid back.
        api.pay(orderId, "15.00", "late-1").expectProblem(409, "ORDER_EXPIRED");
        api.pay(orderId, "15.00", "late-1").expectProblem(409, "ORDER_EXPIRED");
        List<String> types = new ArrayList<>();
        api.get("/api/v1/orders/" + orderId + "/history", buyer).body()
                .forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).containsExactly("OrderPlaced", "OrderCancelled", "LatePaymentReceived");
        assertThat(api.order(orderId, buyer, 2).path("log").get(2).path("action").asString())
                .isEqualTo("late_payment");
    }

    @Test
    void paying_in_time_cancels_the_timer() throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Sku sku = api.createProduct(seller, "Paid in time", "5.00", 10).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        eventually(() -> assertThat(timersOf(orderId)).isEqualTo(1));
        api.pay(orderId, "5.00", "tx-" + orderId).expect(200);
        eventually(() -> assertThat(timersOf(orderId)).isZero());
        assertThat(api.order(orderId, buyer, 1).path("timers")).isEmpty();
        assertThat(Instant.parse(api.order(orderId, buyer, 1).path("payable_until").asString()))
                .isAfter(Instant.now());
    }
}
