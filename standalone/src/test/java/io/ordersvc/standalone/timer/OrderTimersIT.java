package io.ordersvc.standalone.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.command.timer.TimerSweep;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                        "--orders.personal-data.key=" + Api.PERSONAL_DATA_KEY,
                        "--orders.timers.poll-interval=200ms",
                        "--orders.timers.window-poll-interval=200ms",
                        "--axon.eventhandling.processors.orders.token-claim-interval=300",
                        "--axon.eventhandling.processors.products.token-claim-interval=300",
                        "--axon.eventhandling.processors.order-due-dates.token-claim-interval=300");
    }

    private final String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
    private final String buyerId = uniqueId("buyer");
    private final String buyer = token(buyerId, "buyer");

    private static String freshDatabase(String name) throws Exception {
        return TestDatabase.postgres() ? TestDatabase.freshPostgresDatabase("orders_test_" + name)
                : "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + TestDatabase.H2_OPTIONS;
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static double fired(ConfigurableApplicationContext context) {
        var counter = context.getBean(MeterRegistry.class).find(TimerSweep.FIRED).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long events(JdbcTemplate jdbc, String orderId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "payload_type LIKE ?", Long.class, orderId, "%" + type);
    }

    /** The order's open timers. */
    private static long timersOf(JdbcTemplate jdbc, String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM order_timer WHERE order_id = ?", Long.class, orderId);
    }

    private static String diagnostics(JdbcTemplate jdbc) {
        return "timers " + jdbc.queryForList("SELECT * FROM order_timer") + " tasks "
                + jdbc.queryForList("SELECT task_instance, execution_time, picked, picked_by FROM scheduled_tasks");
    }

    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }

    @Test
    void unpaid_orders_expire_durably_and_exactly_once() throws Exception {
        String url = freshDatabase("timers");
        Api.Sku sku;
        String dueDuringDowntime;
        Instant dueAt;
        String groupLeader;
        String groupId;

        try (ConfigurableApplicationContext first = start(url)) {
            Api api = api(first);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            sku = api.createProduct(seller, "Timed", "5.00", 20).get(0);

            // Paid in time: the timer is cancelled.
            String paid = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            api.pay(paid, "5.00", "tx-" + paid).expect(200);

            // Unpaid: the timer shows on the order, fires at payable_until, the system cancels, stock returns, and
            // the balance that paid part of it is back.
            api.post("/api/v1/members/" + buyerId + "/balance", token("admin-timers", "admin"), Map.of("delta",
                    "6.00", "reason", "充值")).expect(200);
            Map<String, Object> withBalance = new java.util.HashMap<>(Api.orderBody(sku.skuId(), 3));
            withBalance.put("use_balance", "4.00");
            String template = api.post("/api/v1/coupon-templates", token("admin-timers", "admin"), Map.of("name",
                    "一元", "type", "amount", "amount", "1.00", "per_buyer_limit", 1, "total", 10, "claim_from",
                    CLOCK.instant().minus(Duration.ofHours(1)).toString(), "claim_until",
                    CLOCK.instant().plus(Duration.ofDays(30)).toString(), "valid_days", 30)).expect(201)
                    .text("coupon_template_id");
            String couponId = api.post("/api/v1/coupon-templates/" + template + "/claim", buyer, null).expect(201)
                    .text("coupon_id");
            withBalance.put("coupon", Map.of("coupon_id", couponId));
            var placed = api.post("/api/v1/orders", buyer, withBalance).expect(201);
            assertThat(placed.text("pay_amount")).isEqualTo("10.00");
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
            JsonNode balance = api.get("/api/v1/balance?min_version=2", buyer).expect(200).body();
            assertThat(balance.path("available").asString()).isEqualTo("6.00");
            assertThat(balance.path("ledger").get(0).path("reason").asString()).isEqualTo("payment_timeout");
            eventually(() -> assertThat(api.get("/api/v1/coupons?status=usable", buyer).expect(200).body()
                    .findValuesAsString("coupon_id")).as("the coupon is back").containsExactly(couponId));

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

            // Extended once by the buyer: its old date passes without a confirmation (another order shipped at the
            // same moment is confirmed then), and the new date confirms it.
            String extended = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            String witness = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            for (String id : List.of(extended, witness)) {
                api.pay(id, "5.00", "tx-" + id).expect(200);
                api.ship(id, seller).expect(201);
            }
            Instant oldDue = Instant.parse(api.order(extended, buyer, 2).path("auto_confirm_at").asString());
            assertThat(api.order(extended, buyer, 2).path("actions").path("can_extend_receipt").asBoolean()).isTrue();
            api.post("/api/v1/orders/" + extended + "/extend-receipt", seller, null).expect(403);
            api.post("/api/v1/orders/" + extended + "/extend-receipt", buyer, null).expect(200);
            api.post("/api/v1/orders/" + extended + "/extend-receipt", buyer, null)
                    .expectProblem(409, "RECEIPT_ALREADY_EXTENDED");
            JsonNode moved = api.order(extended, buyer, 3);
            Instant newDue = oldDue.plus(Duration.ofDays(3));
            assertThat(Instant.parse(moved.path("auto_confirm_at").asString())).isEqualTo(newDue);
            assertThat(Instant.parse(moved.path("timers").get(0).path("due_at").asString())).isEqualTo(newDue);
            assertThat(moved.path("actions").path("can_extend_receipt").asBoolean()).isFalse();
            assertThat(moved.path("log").get(3).path("action").asString()).isEqualTo("receipt_extended");
            CLOCK.advance(Duration.ofDays(10).plusSeconds(1));
            assertThat(api.order(witness, buyer, 3).path("status").asString()).isEqualTo("completed");
            eventually(() -> assertThat(timersOf(jdbc, witness)).isEqualTo(2)); // review and after-sales
            assertThat(api.order(extended, buyer, 3).path("status").asString()).as("not at the old date")
                    .isEqualTo("shipped");
            CLOCK.advance(Duration.ofDays(3));
            assertThat(api.order(extended, buyer, 4).path("status").asString()).isEqualTo("completed");
            CLOCK.advance(Duration.ofDays(15).plusSeconds(1)); // their review and after-sales windows close
            eventually(() -> assertThat(timersOf(jdbc, extended) + timersOf(jdbc, witness)).isZero());

            // An order whose timer will fall due while the service is down.
            var last = api.placeOrder(buyer, sku.skuId(), 1).expect(201);
            dueDuringDowntime = last.text("order_id");
            dueAt = Instant.parse(last.text("payable_until"));
            eventually(() -> assertThat(timersOf(jdbc, dueDuringDowntime)).isEqualTo(1));

            // A group whose deadline passes while the service is down: its paid leader is refunded after the start.
            Instant now = CLOCK.instant();
            String groupBuy = api.post("/api/v1/group-buys", seller, Map.of("sku_id", sku.skuId(), "group_price",
                    "4.00", "group_size", 3, "duration", "PT1H", "per_buyer_limit", 0, "starts_at",
                    now.minusSeconds(60).toString(), "ends_at", now.plus(Duration.ofDays(30)).toString())).expect(201)
                    .text("group_buy_id");
            Map<String, Object> groupOrder = new java.util.HashMap<>(Api.orderBody(sku.skuId(), 1));
            groupOrder.put("group", Map.of("group_buy_id", groupBuy));
            var opened = api.post("/api/v1/orders", buyer, groupOrder).expect(201);
            groupLeader = opened.text("order_id");
            groupId = opened.body().path("group").path("group_id").asString();
            api.pay(groupLeader, "4.00", "tx-" + groupLeader).expect(200);
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
            // The group's deadline, also passed during the downtime, fired once on one of the two instances.
            eventually(() -> assertThat(events(jdbc, groupLeader, "LineRefunded")).isEqualTo(1));
            assertThat(events(jdbc, groupId, "GroupFailed")).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM group_task", Long.class)).isZero();

            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                orders.add(api(i % 2 == 0 ? a : b).placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id"));
            }
            CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
            eventually(() -> orders.forEach(id -> assertThat(events(jdbc, id, "OrderCancelled"))
                    .as("%s %s", id, diagnostics(jdbc)).isEqualTo(1)));
            eventually(() -> assertThat(jdbc.queryForObject("SELECT count(*) FROM order_timer", Long.class))
                    .as(diagnostics(jdbc)).isZero());
            // Seven payment deadlines fell due after the restart; each fired on exactly one of the two instances.
            assertThat(fired(a) + fired(b)).isEqualTo(7);
        } finally {
            b.close();
            a.close();
        }
    }

    /**
     * A store of the version before: its timers were a saga per order and Axon deadlines in scheduled_tasks. Made
     * here from a store of today by taking back what the upgrade adds (order_timer, its migration and the later ones,
     * its processor's token) and putting back what the old version kept. The upgrade removes the old rows, and the new processor
     * reads the open timers from the events: the unpaid order placed before the upgrade expires on time.
     */
    @Test
    void an_existing_store_gets_its_open_timers_from_its_events() throws Exception {
        String url = freshDatabase("timer_upgrade");
        String unpaid;
        String paid;
        try (ConfigurableApplicationContext before = start(url)) {
            Api api = api(before);
            Api.Sku sku = api.createProduct(seller, "Old", "5.00", 5).get(0);
            unpaid = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            paid = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            api.pay(paid, "5.00", "tx-" + paid).expect(200);
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            eventually(() -> assertThat(timersOf(jdbc, unpaid)).isEqualTo(1));
        }
        var old = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(url,
                TestDatabase.user(), TestDatabase.password()));
        old.update("DROP TABLE order_timer");
        old.update("DROP TABLE promotion_index"); // and what came after it (V3 to V11)
        old.update("DROP TABLE coupon_code_index");
        old.update("DROP TABLE payout");
        old.update("DROP TABLE payment_trade");
        old.update("DROP TABLE shipment_index");
        for (String table : List.of("webhook", "webhook_owner", "webhook_delivery", "group_task", "ticket_index")) {
            old.update("DROP TABLE " + table);
        }
        for (String column : List.of("price", "product_name", "on_shelf")) {
            old.update("ALTER TABLE sku_index DROP COLUMN " + column);
        }
        if (TestDatabase.postgres()) {
            old.update("DROP FUNCTION order_timer_due"); // V11, PostgreSQL's alone
        }
        old.update("DELETE FROM command_schema_history WHERE version IN ('2', '3', '4', '5', '6', '7', '8', '9', '10',"
                + " '11')");
        old.update("DELETE FROM token_entry WHERE processor_name = 'order-due-dates'");
        old.update("INSERT INTO saga_entry (saga_id, saga_type, serialized_saga) VALUES ('saga-1', ?, ?)",
                "io.ordersvc.command.timer.OrderTimers", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        old.update("INSERT INTO association_value_entry (association_key, association_value, saga_type, saga_id)"
                + " VALUES ('orderId', ?, ?, 'saga-1')", unpaid, "io.ordersvc.command.timer.OrderTimers");
        old.update("INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
                + " version) VALUES ('AxonDeadline', 'deadline-1', ?, ?, FALSE, 1)", new byte[]{1},
                java.sql.Timestamp.from(CLOCK.instant().plus(Duration.ofHours(24))));

        try (ConfigurableApplicationContext after = start(url)) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            eventually(() -> assertThat(timersOf(jdbc, unpaid)).as(diagnostics(jdbc)).isEqualTo(1));
            assertThat(timersOf(jdbc, paid)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM association_value_entry", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'",
                    Long.class)).isZero();

            CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
            eventually(() -> assertThat(events(jdbc, unpaid, "OrderCancelled")).as(diagnostics(jdbc)).isEqualTo(1));
            assertThat(events(jdbc, paid, "OrderCancelled")).isZero();
            eventually(() -> assertThat(timersOf(jdbc, unpaid)).isZero());
        }
    }
}
