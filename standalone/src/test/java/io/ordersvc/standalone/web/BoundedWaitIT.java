package io.ordersvc.standalone.web;

import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** min_version waits hold a request thread: they are rationed (ReadModelWait), and a stranger's row never waits. */
class BoundedWaitIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CompletableFuture<HttpResponse<String>> get(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void another_callers_order_is_404_at_once_even_with_min_version() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        var sku = api.createProduct(seller, "Lamp", "9.00", 5).get(0);
        String orderId = api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201)
                .text("order_id");
        String stranger = token(uniqueId("buyer"), "buyer");
        api.order(orderId, seller, 0);
        long started = System.nanoTime();
        api.get("/api/v1/orders/" + orderId + "?min_version=999999", stranger).expectProblem(404, "ORDER_NOT_FOUND");
        api.get("/api/v1/orders/" + orderId + "/log?min_version=999999", stranger)
                .expectProblem(404, "ORDER_NOT_FOUND");
        // The wait is 2 s in tests: both answers came without it.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_flood_of_waits_is_rationed_per_caller_and_in_all_and_health_still_answers() throws Exception {
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            callers.add(token(uniqueId("flood"), "buyer"));
        }
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        Map<CompletableFuture<HttpResponse<String>>, String> callerOf = new java.util.HashMap<>();
        for (String caller : callers) {
            for (int j = 0; j < 6; j++) {
                var answer = get("/api/v1/orders/" + UUID.randomUUID() + "?min_version=999999", caller);
                flood.add(answer);
                callerOf.put(answer, caller);
            }
        }
        // The first answer back is a refusal: by then the waits are full and hold their threads.
        assertThat(CompletableFuture.anyOf(flood.toArray(CompletableFuture[]::new)).get())
                .satisfies(first -> assertThat(((HttpResponse<?>) first).statusCode()).isEqualTo(429));
        long started = System.nanoTime();
        HttpResponse<String> health = get("/actuator/health", null).get();
        Duration healthTook = Duration.ofNanos(System.nanoTime() - started);
        CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(healthTook).isLessThan(Duration.ofSeconds(1));
        Map<Integer, Long> byStatus = flood.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus.keySet()).containsOnly(404, 429);
        // 60 asked; at most 4 per caller (40) and 32 in all may wait: the other 28 or more are refused at once.
        assertThat(byStatus.get(404)).isLessThanOrEqualTo(32);
        assertThat(byStatus.get(429)).isGreaterThanOrEqualTo(28);
        Map<String, Long> waitedPerCaller = flood.stream().filter(f -> f.join().statusCode() == 404)
                .collect(Collectors.groupingBy(callerOf::get, Collectors.counting()));
        assertThat(waitedPerCaller.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
        HttpResponse<String> refused = flood.stream().map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"TOO_MANY_REQUESTS\"").contains("min_version");
    }
}
