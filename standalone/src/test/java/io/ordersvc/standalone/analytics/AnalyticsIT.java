package io.ordersvc.standalone.analytics;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.MovableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics endpoints over HTTP, fed by the service's own processor: a shop's day (placed, paid, GMV,
 * cancellations, buyers), its products, funnel and refund reasons, the platform's for an admin; a seller sees only
 * their shop, a buyer nothing, a backwards range is a 400 naming the field.
 */
class AnalyticsIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");
    final String admin = token("admin-analytics", "admin");

    @Autowired
    MovableClock clock;

    @Test
    void a_shops_day_products_funnel_and_refund_reasons() {
        Api.Sku sku = api.createProduct(seller, "分析T恤", "25.00", 20).get(0);
        String paid = api.placeOrder(buyer, sku.skuId(), 2).expect(201).text("order_id");
        api.pay(paid, "50.00", "tx-" + paid).expect(200);
        String cancelled = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.post("/api/v1/orders/" + cancelled + "/cancel", buyer, Map.of("reason", "不想要了")).expect(200);
        String line = api.order(paid, buyer, 1).path("lines").get(0).path("order_line_id").asString();
        api.post("/api/v1/orders/" + paid + "/refunds", buyer, Map.of("order_line_id", line, "type", "refund_only",
                "goods_received", false, "reason", "quality_issue", "amount", "10.00")).expect(201);

        String today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).toString();
        String range = "?from=" + today + "&to=" + today;
        // the refund application is the last event: once its reason shows, everything before it is in
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> api.get(
                "/api/v1/analytics/refund-reasons" + range, seller).expect(200).body().path("reasons").size() == 1);
        JsonNode day = api.get("/api/v1/analytics/daily" + range, seller).expect(200).body().path("days").get(0);
        assertThat(day.path("date").asString()).isEqualTo(today);
        assertThat(day.path("placed").asInt()).isEqualTo(2);
        assertThat(day.path("paid").asInt()).isEqualTo(1);
        assertThat(day.path("gmv").asString()).isEqualTo("50.00");
        assertThat(day.path("average_order_value").asString()).isEqualTo("50.00");
        assertThat(day.path("buyers").asInt()).isEqualTo(1);
        assertThat(day.path("new_buyers").asInt()).isEqualTo(1);

        JsonNode product = api.get("/api/v1/analytics/products" + range + "&sort=quantity", seller).expect(200).body()
                .path("items").get(0);
        assertThat(product.path("product_id").asString()).isEqualTo(sku.productId());
        assertThat(product.path("quantity").asInt()).isEqualTo(2);
        assertThat(product.path("revenue").asString()).isEqualTo("50.00");
        JsonNode funnel = api.get("/api/v1/analytics/funnel" + range, seller).expect(200).body();
        assertThat(funnel.path("placed").asInt()).isEqualTo(2);
        assertThat(funnel.path("paid").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/analytics/refund-reasons" + range, seller).expect(200).body().path("reasons")
                .get(0).path("reason").asString()).isEqualTo("quality_issue");
        assertThat(api.get("/api/v1/analytics/daily" + range + "&shop_id=" + shop, admin).expect(200).body()
                .path("days").get(0).path("placed").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/analytics/daily" + range, admin).expect(200).body().path("days").get(0)
                .path("placed").asInt()).isGreaterThanOrEqualTo(2);

        api.get("/api/v1/analytics/daily", buyer).expect(403);
        api.get("/api/v1/analytics/daily?shop_id=" + shop, token(uniqueId("seller"), "seller", uniqueId("shop")))
                .expect(403);
        JsonNode backwards = api.get("/api/v1/analytics/daily?from=2026-12-02&to=2026-12-01", seller)
                .expectProblem(400, "INVALID_RANGE").body();
        assertThat(backwards.path("field").asString()).isEqualTo("to");
        assertThat(api.get("/api/v1/analytics/daily", seller).expect(200).body().path("days").size()).isEqualTo(30);
    }
}
