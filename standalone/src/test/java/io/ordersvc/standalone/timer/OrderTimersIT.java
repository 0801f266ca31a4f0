package io.ordersvc.standalone.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.command.timer.OrderTimers;
import io.ordersvc.platform.OrderServiceLauncher;
import io.ordersvc.standalone.StandaloneApplication;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.MovableClock;
import io.ordersvc.standalone.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order timers end to end, on their own database and with their own clock, which the test moves past each due
 * date instead of waiting (the periods are the defaults: 24 hours to pay, 10 days to auto-confirm, 15 days for the
 * review and after-sales windows): an unpaid order expires and its stock returns; paying in time cancels the timer;
 * a shipped order is received for the buyer and its windows close; a timer that falls due while the service is down
 * fires right after start; two instances fire each timer once.
 */
class OrderTimersIT {

    /** Every instance of this test reads this clock: real time plus what the test moved it by. */
    private static final MovableClock CLOCK = new MovableClock();

    @AfterAll
    static void resetClock() {
        CLOCK.reset();
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .properties(OrderServiceLauncher.configNames(StandaloneApplication.SIDE))
                .initializers(context -> context.getBeanFactory().registerSingleton("movedClock", CLOCK))
                .run("--server.port=0", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        "--orders.jwt.secret=" + Api.SECRET,
                        "--orders.timers.poll-interval=200ms",
                        "--axon.eventhandling.processors.orders.token-claim-interval=300",
                        "--axon.eventhandling.processors.products.token-claim-interval=300",
                        "--axon.eventhandling.processors.order-timers.token-claim-interval=300");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static double fired(ConfigurableApplicationContext context) {
        var counter = context.getBean(MeterRegistry.class).find(OrderTimers.FIRED).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long events(JdbcTemplate jdbc, String orderId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "payload_type LIKE ?", Long.class, orderId, "%" + type);
    }

    /** Deadlines that mention this order (task_data holds the serialized payload with the order id). */
    private static long timersOf(JdbcTemplate jdbc, String orderId) {
        String id = new String(orderId.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return jdbc.query("SELECT task_data FROM scheduled_tasks", (rs, i) -> rs.getBytes(1)).stream()
                .filter(d -> d != null && new String(d, StandardCharsets.ISO_8859_1).contains(id)).count();
    }

    private static String diagnostics(JdbcTemplate jdbc) {
        return "tasks " + jdbc.queryForList("SELECT task_instance, execution_time, picked, picked_by, "
                + "consecutive_failures FROM scheduled_tasks");
    }

    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }

    @Test
    void unpaid_orders_expire_durably_and_exactly_once() throws Exception {
        String url = TestDatabase.postgres() ? TestDatabase.freshPostgresDatabase("orders_test_timers")
                : "jdbc:h2:mem:timers-" + UUID.randomUUID() + TestDatabase.H2_OPTIONS;
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Api.Sku sku;
        String dueDuringDowntime;
        Instant dueAt;

        try (ConfigurableApplicationContext first = start(url)) {
            Api api = api(first);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            sku = api.createProduct(seller, "Timed", "5.00", 20).get(0);

            // Paid in time: the timer is cancelled.
            String paid = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            api.pay(paid, "5.00", "tx-" + paid).expect(200);

            // Unpaid: the timer shows on the order, fires at payable_until, the system cancels, stock returns.
            var placed = api.placeOrder(buyer, sku.skuId(), 3).expect(201);
            String unpaid = placed.text("order_id");
            JsonNode timer = api.order(unpaid, buyer, 0).path("timers").get(0);
            assertThat(timer.path("type").asString()).isEqualTo("payment_timeout");
            assertThat(timer.path("due_at").asString()).isEqualTo(placed.text("payable_until"));
            CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
            JsonNode expired = api.order(unpaid, buyer, 1);
            assertThat(expired.path("status").asString()).isEqualTo("cancelled");
            assertThat(expired.path("cancel_reason").asString()).isEqualTo("payment_timeout");
            assertThat(expired.path("timers")).isEmpty();
            assertThat(expired.path("log").get(1).path("actor_role").asString()).isEqualTo("system");
            assertThat(api.product(sku.productId(), buyer, 3).path("skus").get(0).path("stock").asLong())
                    .isEqualTo(19);

            // Money that arrives now is refused but kept on record, once per transaction, to be paid back.
            api.pay(unpaid, "15.00", "late-1").expectProblem(409, "ORDER_EXPIRED");
            api.pay(unpaid, "15.00", "late-1").expectProblem(409, "ORDER_EXPIRED");
            assertThat(events(jdbc, unpaid, "LatePaymentReceived")).isEqualTo(1);
            assertThat(api.order(unpaid, buyer, 2).path("log").get(2).path("action").asString())
                    .isEqualTo("late_payment");

            assertThat(api.order(paid, buyer, 1).path("status").asString()).isEqualTo("to_ship");
            eventually(() -> assertThat(timersOf(jdbc, paid)).as(diagnostics(jdbc)).isZero());

            // Shipped and left alone: receipt is confirmed automatically, then the review and after-sales periods end.
            String left = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            api.pay(left, "5.00", "tx-" + left).expect(200);
            api.ship(left, seller).expect(201);
            JsonNode shipped = api.order(left, buyer, 2);
            assertThat(shipped.path("timers").get(0).path("type").asString()).isEqualTo("auto_confirm");
            CLOCK.advance(Duration.ofDays(10).plusSeconds(1));
            JsonNode received = api.order(left, buyer, 3);
            assertThat(received.path("status").asString()).isEqualTo("completed");
            assertThat(received.path("log").get(3).path("actor_role").asString()).isEqualTo("system");
            assertThat(received.path("log").get(3).path("message").asString()).contains("automatically");
            CLOCK.advance(Duration.ofDays(15).plusSeconds(1));
            JsonNode closed = api.order(left, buyer, 5);
            assertThat(closed.path("review_pending").asBoolean()).isFalse();
            assertThat(closed.path("timers")).isEmpty();
            assertThat(closed.path("actions").path("can_review").asBoolean()).isFalse();
            assertThat(closed.path("actions").path("can_apply_refund").asBoolean()).isFalse();
            api.post("/api/v1/orders/" + left + "/review", buyer, java.util.Map.of("rating", 5, "content", "late"))
                    .expectProblem(409, "REVIEW_WINDOW_CLOSED");

            // An order whose timer will fall due while the service is down.
            var last = api.placeOrder(buyer, sku.skuId(), 1).expect(201);
            dueDuringDowntime = last.text("order_id");
            dueAt = Instant.parse(last.text("payable_until"));
            eventually(() -> assertThat(timersOf(jdbc, dueDuringDowntime)).isEqualTo(1));
        }
        // The service stays down until the timer is overdue.
        CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(CLOCK.instant()).isAfter(dueAt);

        ConfigurableApplicationContext a = start(url);
        ConfigurableApplicationContext b = start(url);
        try {
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            eventually(() -> assertThat(events(jdbc, dueDuringDowntime, "OrderCancelled")).as(diagnostics(jdbc))
                    .isEqualTo(1));

            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                orders.add(api(i % 2 == 0 ? a : b).placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id"));
            }
            CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
            eventually(() -> orders.forEach(id -> assertThat(events(jdbc, id, "OrderCancelled"))
                    .as("%s %s", id, diagnostics(jdbc)).isEqualTo(1)));
            eventually(() -> assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class))
                    .as(diagnostics(jdbc)).isZero());
            // Seven payment deadlines fell due after the restart; each fired on exactly one of the two instances.
            assertThat(fired(a) + fired(b)).isEqualTo(7);
        } finally {
            b.close();
            a.close();
        }
    }
}
