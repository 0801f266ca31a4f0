package io.ordersvc.command.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.platform.admin.PolledGauges;
import io.ordersvc.platform.admin.PolledGauges.Key;
import io.ordersvc.platform.admin.PolledGauges.Reading;
import io.ordersvc.shared.order.TimerType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The timers' backlog on /actuator/prometheus, per type: how many are due and not fired, and how long the oldest has
 * waited. A sweep keeps the lateness within its poll interval plus a second under full load (bench/README.md); a
 * backlog that grows, or an oldest due older than that, means the sweeps do not keep up or do not run. With
 * orders_timers_fired_total ({@link TimerSweep#FIRED}). Read when scraped ({@link PolledGauges}).
 */
@Component
class TimerMetrics {

    static final String DUE = "orders.timers.due";
    static final String OVERDUE = "orders.timers.overdue.seconds";

    private final DueTable table;
    private final Clock clock;

    TimerMetrics(DueTable table, MeterRegistry registry, Clock clock,
                 @Value("${orders.metrics.max-age:10s}") Duration maxAge) {
        this.table = table;
        this.clock = clock;
        List<Key> keys = new ArrayList<>();
        for (TimerType type : TimerType.values()) {
            keys.add(Key.of(DUE, "type", type.value()));
            keys.add(Key.of(OVERDUE, "type", type.value()));
        }
        new PolledGauges(registry, clock, maxAge, keys, Map.of(
                DUE, "timers of the type that are due and not fired yet",
                OVERDUE, "how long ago the oldest due timer of the type fell due; 0 when none is due"), this::readings);
    }

    private List<Reading> readings() {
        var now = clock.instant();
        List<Reading> readings = new ArrayList<>();
        for (DueTable.Backlog backlog : table.backlog(now)) {
            readings.add(new Reading(Key.of(DUE, "type", backlog.type().value()), backlog.due()));
            // The oldest is due by now: the backlog was read up to it.
            readings.add(new Reading(Key.of(OVERDUE, "type", backlog.type().value()), backlog.oldest() == null ? 0
                    : Duration.between(backlog.oldest(), now).toMillis() / 1000.0));
        }
        return readings;
    }
}
