package io.ordersvc.standalone;

import io.ordersvc.platform.OrderServiceLauncher;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.TcpProxy;
import io.ordersvc.standalone.support.TestDatabase;
import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a running service and comes back: meanwhile every request is answered promptly with
 * 503 problem+json, health is DOWN and the gauges read from the database are NaN; afterwards the service works
 * again without a restart.
 */
class DatabaseOutageIT {

    @Test
    void an_unreachable_database_is_503_and_health_down_and_the_service_recovers_by_itself() throws Exception {
        Server h2 = TestDatabase.postgres() ? null : Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String url;
        TcpProxy proxy;
        java.sql.Connection keepAlive = null;
        if (h2 == null) {
            URI db = URI.create(TestDatabase.freshPostgresDatabase("orders_test_outage").substring(5));
            proxy = new TcpProxy(db.getHost(), db.getPort());
            url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + db.getPath() + "?connectTimeout=2&socketTimeout=10";
        } else {
            proxy = new TcpProxy("127.0.0.1", h2.getPort());
            String name = "/mem:outage-" + UUID.randomUUID() + TestDatabase.H2_OPTIONS;
            url = "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + name;
            // The database server outlives the outage: only the network between it and the service is cut.
            keepAlive = java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + name, "sa", "");
        }
        try (proxy; ConfigurableApplicationContext context = new SpringApplicationBuilder(StandaloneApplication.class)
                .properties(OrderServiceLauncher.configNames(StandaloneApplication.SIDE))
                .run("--server.port=0", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        "--spring.datasource.hikari.connection-timeout=1000",
                        "--spring.datasource.hikari.validation-timeout=500",
                        "--orders.jwt.secret=" + Api.SECRET,
                        "--orders.personal-data.key=" + Api.PERSONAL_DATA_KEY)) {
            Api api = new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
            String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
            String buyer = token(uniqueId("buyer"), "buyer");
            Api.Sku sku = api.createProduct(seller, "Outage", "1.00", 10).get(0);
            String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            api.order(orderId, buyer, 0);

            proxy.down();
            api.placeOrder(buyer, sku.skuId(), 1).expectProblem(503, "SERVICE_UNAVAILABLE");
            api.send("POST", "/api/v1/orders", buyer, Api.orderBody(sku.skuId(), 1),
                    Map.of("Idempotency-Key", "outage-1")).expectProblem(503, "SERVICE_UNAVAILABLE");
            api.get("/api/v1/orders", buyer).expectProblem(503, "SERVICE_UNAVAILABLE");
            // Several reads in a row: none may claim the order does not exist (Hibernate's find would, HHH-12472).
            for (int i = 0; i < 5; i++) {
                api.get("/api/v1/orders/" + orderId, buyer).expectProblem(503, "SERVICE_UNAVAILABLE");
                api.get("/api/v1/products/" + sku.productId(), buyer).expectProblem(503, "SERVICE_UNAVAILABLE");
            }
            Api.Response health = api.get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.text("status")).isEqualTo("DOWN");
            // Monitoring still scrapes: the gauges read from the database say they do not know.
            long scrapeStarted = System.nanoTime();
            Api.Response scrape = api.get("/actuator/prometheus", null);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.raw()).contains("orders_processor_lag_seconds{processor=\"orders\"} NaN")
                    .contains("orders_timers_due{type=\"payment_timeout\"} NaN");
            assertThat(Duration.ofNanos(System.nanoTime() - scrapeStarted)).isLessThan(Duration.ofSeconds(10));

            proxy.up();
            // Polled more slowly than Hikari's 500 ms alive-bypass window, so pooled connections are validated (H2's
            // TCP client reports a dead session with a state Hikari does not recognise as fatal).
            // Background threads (timers, processors) fail against the dead database on purpose: not this test's
            // failure. The wait is generous for a loaded machine; recovery usually takes a few seconds.
            Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(700))
                    .until(() -> api.get("/actuator/health", null).status() == 200);
            String after = api.send("POST", "/api/v1/orders", buyer, Api.orderBody(sku.skuId(), 1),
                    Map.of("Idempotency-Key", "outage-1")).expect(201).text("order_id");
            assertThat(api.order(after, buyer, 0).path("status").asString()).isEqualTo("pending_payment");
            assertThat(api.product(sku.productId(), buyer, 2).path("skus").get(0).path("stock").asLong())
                    .isEqualTo(8);
        } finally {
            if (keepAlive != null) {
                keepAlive.close();
            }
            if (h2 != null) {
                h2.stop();
            }
        }
    }
}
