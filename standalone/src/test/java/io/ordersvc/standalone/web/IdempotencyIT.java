package io.ordersvc.standalone.web;

import io.ordersvc.platform.web.idempotency.IdempotencyStore;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Response;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyIT extends IntegrationTest {

    @Autowired
    IdempotencyStore store;

    String buyer;
    Sku sku;

    @BeforeEach
    void product() {
        buyer = token(uniqueId("buyer"), "buyer");
        sku = api.createProduct(token(uniqueId("seller"), "seller", uniqueId("shop")), "Idem", "5.00", 50).get(0);
    }

    private Response place(String token, String key, int quantity) {
        return api.send("POST", "/api/v1/orders", token, Api.orderBody(sku.skuId(), quantity),
                Map.of("Idempotency-Key", key));
    }

    @Test
    void a_retry_with_the_same_key_and_body_replays_the_first_response_without_running_again() {
        String key = UUID.randomUUID().toString();
        long before = storedEvents();
        Response first = place(buyer, key, 1).expect(201);
        Response retry = place(buyer, key, 1).expect(201);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents()).isEqualTo(before + 3); // stock reserved, order placed, payment opened
    }

    @Test
    void the_same_key_with_a_different_body_is_422() {
        String key = UUID.randomUUID().toString();
        place(buyer, key, 1).expect(201);
        long before = storedEvents();
        place(buyer, key, 2).expectProblem(422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void keys_are_scoped_to_the_caller() {
        String key = UUID.randomUUID().toString();
        String mine = place(buyer, key, 1).expect(201).text("order_id");
        String theirs = place(token(uniqueId("buyer"), "buyer"), key, 1).expect(201).text("order_id");
        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void a_retried_payment_with_its_key_is_answered_from_the_first() {
        String orderId = place(buyer, UUID.randomUUID().toString(), 1).expect(201).text("order_id");
        String gateway = token("gw-" + UUID.randomUUID(), "system");
        Map<String, Object> body = Map.of("amount", "5.00", "channel", "wechat", "transaction_no", "t-" + orderId);
        Response first = api.send("POST", "/api/v1/orders/" + orderId + "/pay", gateway, body,
                Map.of("Idempotency-Key", "pay-" + orderId)).expect(200);
        Response again = api.send("POST", "/api/v1/orders/" + orderId + "/pay", gateway, body,
                Map.of("Idempotency-Key", "pay-" + orderId)).expect(200);
        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void concurrent_requests_with_one_key_run_the_command_once() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = storedEvents();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Response> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return place(buyer, key, 1);
                }));
            }
            start.countDown();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Response> created = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created).extracting(Response::raw).containsOnly(created.get(0).raw());
        assertThat(responses).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
        assertThat(storedEvents()).isEqualTo(before + 3); // stock reserved, order placed, payment opened
    }

    @Test
    void a_malformed_key_is_400_and_expired_keys_are_purged_so_the_key_runs_again() {
        place(buyer, "x".repeat(65), 1).expectProblem(400, "INVALID_IDEMPOTENCY_KEY");
        String key = UUID.randomUUID().toString();
        String first = place(buyer, key, 1).expect(201).text("order_id");
        assertThat(store.purgeExpired(Instant.now().plus(Duration.ofHours(25)))).isPositive();
        String second = place(buyer, key, 1).expect(201).text("order_id");
        assertThat(second).isNotEqualTo(first);
    }
}
