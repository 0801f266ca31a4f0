package io.ordersvc.standalone.admin;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator alerts on, scraped from /actuator/prometheus: each tracking processor's lag behind the head and
 * its dead letters, and each timer type's backlog (due, not fired) with how long its oldest has waited.
 */
class KeepingUpMetricsIT extends IntegrationTest {

    private String scrape() {
        Api.Response response = api.get("/actuator/prometheus", null).expect(200);
        return response.raw();
    }

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void each_processor_reports_how_far_it_is_behind_the_head_and_its_dead_letters() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        Api.Sku sku = api.createProduct(seller, "Metrics", "5.00", 5).get(0);
        api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201);
        long head = storedHead();

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(sample(scrape, "orders_events_head")).isGreaterThanOrEqualTo(head);
            for (String processor : new String[]{"orders", "products", "analytics", "order-due-dates"}) {
                assertThat(sample(scrape, "orders_processor_lag_events{processor=\"" + processor + "\"}"))
                        .as(processor).isZero();
                assertThat(sample(scrape, "orders_processor_lag_seconds{processor=\"" + processor + "\"}"))
                        .as(processor).isZero();
                assertThat(sample(scrape, "orders_processor_dead_letters{processor=\"" + processor + "\"}"))
                        .as(processor).isGreaterThanOrEqualTo(0);
            }
            assertThat(scrape).as("a subscribing processor has no lag")
                    .doesNotContain("orders_processor_lag_events{processor=\"payouts\"}");
            assertThat(scrape).contains("# HELP orders_processor_lag_seconds age of the oldest event");
        });
    }

    @Test
    void a_timer_whose_sweep_died_holding_it_shows_in_its_types_backlog_until_it_goes() {
        String order = uniqueId("stuck");
        Instant dueAt = Instant.now().minus(Duration.ofHours(1));
        Instant claimedUntil = Instant.now().plus(Duration.ofDays(1));
        // Claimed by a sweep that died: no sweep takes it until the claim lapses, and it is late all that while.
        jdbc.update("INSERT INTO order_timer (order_id, timer_type, due_at, holds, claimed_until)"
                + " VALUES (?, ?, ?, 0, ?)", order, "ticket_expiry", Timestamp.from(dueAt),
                Timestamp.from(claimedUntil));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                String scrape = scrape();
                assertThat(sample(scrape, "orders_timers_due{type=\"ticket_expiry\"}")).isGreaterThanOrEqualTo(1);
                assertThat(sample(scrape, "orders_timers_overdue_seconds{type=\"ticket_expiry\"}"))
                        .isGreaterThanOrEqualTo(3600);
                assertThat(sample(scrape, "orders_timers_due{type=\"payment_timeout\"}")).isGreaterThanOrEqualTo(0);
            });
        } finally {
            jdbc.update("DELETE FROM order_timer WHERE order_id = ?", order);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(sample(scrape(), "orders_timers_overdue_seconds{type=\"ticket_expiry\"}"))
                        .isLessThan(3600));
    }

    /** The alerting rules shipped for operators name only metrics the service exposes, each with its labels. */
    @Test
    void every_metric_the_shipped_alerting_rules_name_is_scraped() throws Exception {
        String rules = Files.readString(Path.of("..", "deploy", "prometheus-alerts.yml"));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(orders_[a-z_]+)\\b").matcher(rules);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).contains("orders_processor_lag_seconds", "orders_timers_overdue_seconds");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            String scrape = scrape();
            for (String metric : named) {
                assertThat(scrape).as(metric).containsPattern("(?m)^" + metric + "\\{(processor|type)=\"[^\"]+\"\\} ");
            }
        });
    }

    private long storedHead() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }
}
