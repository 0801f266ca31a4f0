package io.ordersvc.standalone.webhook;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.ChannelServer;
import io.ordersvc.standalone.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Outbound webhooks: signed, at least once with back-off, logged, redeliverable, per shop. */
class WebhookIT extends IntegrationTest {

    static final String SECRET = "whsec_test_0123456789abcdef";
    final WireMockServer subscriber = ChannelServer.get();
    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String otherSeller = token(uniqueId("seller"), "seller", uniqueId("shop"));
    final String buyer = token(uniqueId("buyer"), "buyer");

    String hook(String path) {
        return "http://localhost:" + subscriber.port() + path;
    }

    static String hmac(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_paid_order_is_delivered_signed_after_the_subscriber_failed_twice_and_can_be_redelivered() throws Exception {
        String path = "/hooks/" + shop;
        String scenario = "hook-" + shop;
        subscriber.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("down once").willReturn(aResponse().withStatus(503)));
        subscriber.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("down once")
                .willSetStateTo("down twice").willReturn(aResponse().withStatus(500)));
        subscriber.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("down twice")
                .willReturn(aResponse().withStatus(204)));
        JsonNode created = api.post("/api/v1/webhooks", seller, Map.of("url", hook(path), "events",
                List.of("order.paid"), "secret", SECRET)).expect(201).body();
        String webhook = created.path("webhook_id").asString();
        assertThat(created.path("shop_id").asString()).isEqualTo(shop);
        assertThat(created.has("secret")).isFalse();

        Api.Sku sku = api.createProduct(seller, "Hooked", "9.00", 10).get(0);
        String order = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(order, "9.00", "tx-" + order).expect(200);

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                "delivered".equals(api.get("/api/v1/webhooks/" + webhook + "/deliveries", seller).expect(200).body()
                        .path("items").path(0).path("status").asString()));
        JsonNode log = api.get("/api/v1/webhooks/" + webhook + "/deliveries", seller).expect(200).body();
        assertThat(log.path("total").asLong()).as("only order.paid was asked for").isEqualTo(1);
        JsonNode delivery = log.path("items").get(0);
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("last_status_code").asInt()).isEqualTo(204);
        assertThat(delivery.path("event").asString()).isEqualTo("order.paid");

        List<LoggedRequest> sent = subscriber.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(sent).hasSize(3);
        for (LoggedRequest request : sent) {
            assertThat(request.getHeader("X-Signature")).isEqualTo(hmac(request.getHeader("X-Timestamp"),
                    request.getBodyAsString()));
            assertThat(request.getHeader("X-Event-Id")).isEqualTo(delivery.path("event_id").asString());
        }
        JsonNode body = JsonMapper.builder().build().readTree(sent.get(0).getBodyAsString());
        assertThat(body.path("type").asString()).isEqualTo("order.paid");
        assertThat(body.path("shop_id").asString()).isEqualTo(shop);
        assertThat(body.path("data").path("order_id").asString()).isEqualTo(order);
        assertThat(body.path("data").path("amount").asString()).isEqualTo("9.00");
        assertThat(body.path("data").path("version").asLong()).isEqualTo(1);

        String deliveryId = delivery.path("delivery_id").asString();
        api.get("/api/v1/webhooks/" + webhook + "/deliveries", otherSeller).expectProblem(404, "WEBHOOK_NOT_FOUND");
        api.post("/api/v1/webhooks/" + webhook + "/deliveries/" + deliveryId + "/redeliver", otherSeller, null)
                .expectProblem(404, "WEBHOOK_NOT_FOUND");
        api.post("/api/v1/webhooks/" + webhook + "/deliveries/" + deliveryId + "/redeliver", seller, null)
                .expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                subscriber.findAll(postRequestedFor(urlEqualTo(path))).size() == 4);

        api.delete("/api/v1/webhooks/" + webhook, seller).expect(200);
        String later = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(later, "9.00", "tx-" + later).expect(200);
        assertThat(api.get("/api/v1/webhooks", seller).expect(200).body().path(0).path("active").asBoolean())
                .isFalse();
    }

    @Test
    void subscriptions_are_the_shops_and_their_urls_and_events_are_checked() {
        api.post("/api/v1/webhooks", buyer, Map.of("url", hook("/x"), "events", List.of("order.paid"), "secret",
                SECRET)).expect(403);
        for (String url : List.of("javascript:alert(1)", "ftp://example.com/x", "https://user:pw@example.com/x",
                "//evil.example/x")) {
            api.post("/api/v1/webhooks", seller, Map.of("url", url, "events", List.of("order.paid"), "secret",
                    SECRET)).expectProblem(422, "INVALID_WEBHOOK_URL");
        }
        api.post("/api/v1/webhooks", seller, Map.of("url", hook("/x"), "events", List.of("order.unknown"),
                "secret", SECRET)).expect(400);
        api.post("/api/v1/webhooks", seller, Map.of("url", hook("/x"), "events", List.of("order.paid"),
                "secret", "short")).expect(400);
        api.post("/api/v1/webhooks", seller, Map.of("url", hook("/x"), "events", List.of(), "secret", SECRET))
                .expect(400);
        String mine = api.post("/api/v1/webhooks", seller, Map.of("url", hook("/mine"), "events",
                List.of("order.placed"), "secret", SECRET)).expect(201).text("webhook_id");
        assertThat(api.get("/api/v1/webhooks", otherSeller).expect(200).body().findValuesAsString("webhook_id"))
                .doesNotContain(mine);
        api.delete("/api/v1/webhooks/" + mine, otherSeller).expectProblem(404, "WEBHOOK_NOT_FOUND");
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.ordersvc.standalone.support.MovableClock clock;

    @Test
    void a_subscriber_down_for_an_hour_loses_nothing_and_one_down_for_days_gets_a_redelivery() {
        String path = "/hooks/down-" + shop;
        subscriber.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
        String webhook = api.post("/api/v1/webhooks", seller, Map.of("url", hook(path), "events",
                List.of("order.placed"), "secret", SECRET)).expect(201).text("webhook_id");
        Api.Sku sku = api.createProduct(seller, "Down", "3.00", 10).get(0);
        api.placeOrder(buyer, sku.skuId(), 1).expect(201);
        String deliveries = "/api/v1/webhooks/" + webhook + "/deliveries";
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.get(deliveries, seller).expect(200)
                    .body().path("items").path(0).path("attempts").asInt() >= 2);
            clock.advance(Duration.ofHours(1));
            JsonNode pending = api.get(deliveries, seller).expect(200).body().path("items").get(0);
            assertThat(pending.path("status").asString()).isEqualTo("pending");
            assertThat(pending.path("last_status_code").asInt()).isEqualTo(503);
            subscriber.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(api.get(deliveries,
                    seller).expect(200).body().path("items").path(0).path("status").asString()));

            subscriber.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
            api.placeOrder(buyer, sku.skuId(), 1).expect(201);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.get(deliveries, seller).expect(200)
                    .body().path("total").asLong() == 2);
            clock.advance(Duration.ofDays(4)); // past the give-up age: failed, kept in the log
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(api.get(deliveries,
                    seller).expect(200).body().path("items").path(0).path("status").asString()));
            String failed = api.get(deliveries, seller).expect(200).body().path("items").get(0).path("delivery_id")
                    .asString();
            subscriber.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
            api.post(deliveries + "/" + failed + "/redeliver", seller, null).expect(200);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(api.get(deliveries,
                    seller).expect(200).body().path("items").path(0).path("status").asString()));
        } finally {
            clock.reset();
        }
    }
}
