package io.ordersvc.standalone;

import io.ordersvc.platform.OrderServiceLauncher;
import io.ordersvc.standalone.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, as a newcomer runs it: the standalone jar with nothing configured. It must come up
 * on the embedded file database, mint development tokens, take an order, and still have it after a restart.
 */
class EmbeddedDefaultSmokeIT {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return OrderServiceLauncher.run(StandaloneApplication.class, StandaloneApplication.SIDE,
                "--server.port=0", "--ORDERS_DATA_DIR=" + dataDir);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static String devToken(Api api, Map<String, Object> request) {
        return api.post("/api/v1/dev/tokens", null, request).expect(200).text("token");
    }

    @Test
    void runs_on_the_embedded_database_with_development_tokens_and_keeps_data_across_restarts() {
        String orderId;
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
            Api api = api(context);
            assertThat(api.get("/actuator/health", null).expect(200).text("status")).isEqualTo("UP");
            String seller = devToken(api, Map.of("sub", "seller-1", "roles", List.of("seller"), "shop_id", "shop-1"));
            String buyer = devToken(api, Map.of("sub", "buyer-1", "roles", List.of("buyer")));
            Api.Sku sku = api.createProduct(seller, "Smoke", "1.00", 3).get(0);
            orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            assertThat(api.order(orderId, buyer, 0).path("status").asString()).isEqualTo("pending_payment");
            var docs = api.get("/v3/api-docs", null).expect(200).body();
            assertThat(docs.path("paths").has("/api/v1/orders/{order_id}/history")).isTrue();
            assertThat(docs.path("paths").path("/api/v1/orders").path("post").path("responses").path("422")
                    .path("content").has("application/problem+json")).isTrue();
            assertThat(docs.path("components").path("schemas").has("Problem")).isTrue();
            // The document describes the wire format: snake_case fields.
            assertThat(docs.path("components").path("schemas").path("PlaceOrderRequest").path("properties")
                    .has("buyer_remark")).isTrue();
            assertThat(docs.path("components").path("schemas").path("OrderDetail").path("properties")
                    .has("payable_until")).isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("orders.mv.db"))).isTrue();

        try (ConfigurableApplicationContext context = start()) {
            Api api = api(context);
            String buyer = devToken(api, Map.of("sub", "buyer-1", "roles", List.of("buyer")));
            assertThat(api.get("/api/v1/orders/" + orderId, buyer).expect(200).text("order_no")).matches("[0-9]{20}");
            assertThat(api.get("/api/v1/orders", buyer).body().path("total").asLong()).isEqualTo(1);
        }
    }
}
