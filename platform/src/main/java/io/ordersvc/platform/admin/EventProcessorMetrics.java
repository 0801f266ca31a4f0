package io.ordersvc.platform.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.platform.admin.PolledGauges.Key;
import io.ordersvc.platform.admin.PolledGauges.Reading;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far this instance's tracking processors are behind, on /actuator/prometheus: what an operator alerts on
 * when the read models stop keeping up with what the service acknowledges (a processor stuck on a failing event, a
 * segment no instance works, a peak the projections cannot follow). Read from {@link ProcessorAdmin}, the figures
 * GET /admin/processors gives, when scraped ({@link PolledGauges}).
 */
@Component
class EventProcessorMetrics {

    static final String HEAD = "orders.events.head";
    static final String LAG_EVENTS = "orders.processor.lag.events";
    static final String LAG_SECONDS = "orders.processor.lag.seconds";
    static final String DEAD_LETTERS = "orders.processor.dead.letters";
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            HEAD, "position (global index) of the newest event in the store",
            LAG_EVENTS, "events appended after the position of the processor's furthest-behind segment",
            LAG_SECONDS, "age of the oldest event a segment of the processor has not handled; 0 when caught up",
            DEAD_LETTERS, "events the processor set aside after they failed (GET /admin/dead-letters)");

    private final ProcessorAdmin admin;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration maxAge;

    EventProcessorMetrics(ProcessorAdmin admin, EventProcessingConfiguration processing, MeterRegistry registry,
                     Clock clock, @Value("${orders.metrics.max-age:10s}") Duration maxAge) {
        this.admin = admin;
        this.processing = processing;
        this.registry = registry;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Once the processors are built: the gauges name this instance's tracking processors. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        Set<String> names = new TreeSet<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        List<Key> keys = new ArrayList<>(List.of(Key.of(HEAD)));
        for (String name : names) {
            for (String metric : List.of(LAG_EVENTS, LAG_SECONDS, DEAD_LETTERS)) {
                keys.add(Key.of(metric, "processor", name));
            }
        }
        new PolledGauges(registry, clock, maxAge, keys, DESCRIPTIONS, () -> readings(names));
    }

    /** A processor whose segments have no token yet (the first moments of a new one) has no lag to give. */
    private List<Reading> readings(Set<String> names) {
        ProcessorAdmin.Processors all = admin.processors();
        List<Reading> readings = new ArrayList<>(List.of(new Reading(Key.of(HEAD), all.head())));
        for (ProcessorAdmin.Processor processor : all.processors()) {
            if (!names.contains(processor.name())) {
                continue;
            }
            readings.add(new Reading(Key.of(DEAD_LETTERS, "processor", processor.name()),
                    processor.deadLetters()));
            if (!processor.segments().isEmpty()) {
                long events = 0;
                long ms = 0;
                for (ProcessorAdmin.Segment segment : processor.segments()) {
                    events = Math.max(events, segment.lagEvents());
                    ms = Math.max(ms, segment.lagMs());
                }
                readings.add(new Reading(Key.of(LAG_EVENTS, "processor", processor.name()), events));
                readings.add(new Reading(Key.of(LAG_SECONDS, "processor", processor.name()), ms / 1000.0));
            }
        }
        return readings;
    }
}
