package io.ordersvc.platform.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gauges whose values one read of the database gives, made when they are scraped and at most once per
 * {@code maxAge}: no thread and no statement while nobody scrapes (the idle service's statements are a bench figure),
 * and one read per scrape however many gauges it fills. The gauges are named up front (a scrape registers nothing);
 * a reading names one of them, and a gauge no reading names, or whose read failed, reads NaN until a read does.
 */
public final class PolledGauges {

    /** One gauge: its name and tags (Micrometer's dotted name, orders.x.y becomes orders_x_y on Prometheus). */
    public record Key(String name, Tags tags) {

        public static Key of(String name, String... tags) {
            return new Key(name, Tags.of(tags));
        }
    }

    /** What a read found for one gauge. */
    public record Reading(Key key, double value) {
    }

    private static final Logger log = LoggerFactory.getLogger(PolledGauges.class);

    private final Clock clock;
    private final Duration maxAge;
    private final Supplier<List<Reading>> read;
    private Map<Key, Double> values = Map.of();
    private Instant readAt;

    /**
     * @param keys the gauges, registered now with their descriptions (by name)
     * @param read the one read that gives their values; a gauge it does not name reads NaN
     */
    public PolledGauges(MeterRegistry registry, Clock clock, Duration maxAge, List<Key> keys,
                        Map<String, String> descriptions, Supplier<List<Reading>> read) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.read = read;
        for (Key key : keys) {
            Gauge.builder(key.name(), this, gauges -> gauges.value(key)).tags(key.tags())
                    .description(descriptions.get(key.name())).strongReference(true).register(registry);
        }
    }

    synchronized double value(Key key) {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
            readAt = now;
            values = readNow();
        }
        return values.getOrDefault(key, Double.NaN);
    }

    private Map<Key, Double> readNow() {
        try {
            Map<Key, Double> read = new HashMap<>();
            for (Reading reading : this.read.get()) {
                read.put(reading.key(), reading.value());
            }
            return read;
        } catch (RuntimeException e) {
            // The database away: the gauges say they do not know rather than repeat what they last knew.
            log.warn("gauges not read: {}", e.toString());
            return Map.of();
        }
    }
}
