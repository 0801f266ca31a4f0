package io.ordersvc.platform.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersvc.platform.admin.PolledGauges.Key;
import io.ordersvc.platform.admin.PolledGauges.Reading;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PolledGaugesTest {

    private static final Key LAG_ORDERS = Key.of("test.lag", "processor", "orders");
    private static final Key LAG_PRODUCTS = Key.of("test.lag", "processor", "products");
    private static final Key HEAD = Key.of("test.head");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = mock(Clock.class);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException failure;

    private void advance(Duration d) {
        now = now.plus(d);
    }

    private PolledGauges gauges() {
        when(clock.instant()).thenAnswer(call -> now);
        return new PolledGauges(registry, clock, Duration.ofSeconds(10), List.of(LAG_ORDERS, LAG_PRODUCTS, HEAD),
                Map.of("test.lag", "how far behind"), () -> {
                    if (failure != null) {
                        throw failure;
                    }
                    int n = reads.incrementAndGet();
                    return List.of(new Reading(LAG_ORDERS, n * 10), new Reading(HEAD, 1000 + n));
                });
    }

    private double gauge(Key key) {
        return registry.get(key.name()).tags(key.tags()).gauge().value();
    }

    @Test
    void the_gauges_are_registered_up_front_and_one_read_fills_them_all_until_it_is_max_age_old() {
        gauges();
        assertThat(registry.get("test.lag").gauges()).hasSize(2);
        assertThat(registry.get("test.lag").gauge().getId().getDescription()).isEqualTo("how far behind");
        assertThat(reads).as("nothing read before a scrape").hasValue(0);

        assertThat(gauge(LAG_ORDERS)).isEqualTo(10);
        assertThat(gauge(HEAD)).isEqualTo(1001);
        advance(Duration.ofSeconds(9));
        assertThat(gauge(LAG_ORDERS)).isEqualTo(10);
        assertThat(reads).hasValue(1);

        advance(Duration.ofSeconds(1));
        assertThat(gauge(HEAD)).isEqualTo(1002);
        assertThat(gauge(LAG_ORDERS)).isEqualTo(20);
        assertThat(reads).hasValue(2);
    }

    @Test
    void a_gauge_no_reading_names_reads_nan() {
        gauges();
        assertThat(gauge(LAG_PRODUCTS)).isNaN();
        assertThat(gauge(LAG_ORDERS)).isEqualTo(10);
    }

    @Test
    void a_failed_read_leaves_every_gauge_nan_until_a_read_after_max_age_succeeds() {
        gauges();
        assertThat(gauge(LAG_ORDERS)).isEqualTo(10);
        advance(Duration.ofSeconds(10));
        failure = new IllegalStateException("database away");
        assertThat(gauge(LAG_ORDERS)).isNaN();
        assertThat(gauge(HEAD)).isNaN();
        failure = null;
        assertThat(gauge(HEAD)).as("not read again within max age").isNaN();
        advance(Duration.ofSeconds(10));
        assertThat(gauge(HEAD)).isEqualTo(1002);
    }
}
