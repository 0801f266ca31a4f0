package io.ordersvc.bench;

import io.ordersvc.platform.OrderServiceLauncher;
import io.ordersvc.platform.axon.AxonStorageConfig;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills an event store with a realistic shop history through Axon's own storage engine (the serializer, schema
 * and metadata the service uses; no hand-written SQL), in batches of one transaction each. Run it against a
 * database the service can then read:
 *
 * <pre>java -jar bench/target/bench-*-exec.jar --spring.profiles.active=postgres --ORDERS_DB_NAME=orders_bench \
 *     --orders=170000 [--seed=42] [--days=180] [--batch=2000] [--end=2026-11-22T00:00:00Z]</pre>
 *
 * It prints one line of figures: events, orders, seconds, events/s.
 */
@SpringBootApplication(scanBasePackageClasses = {AxonStorageConfig.class, io.ordersvc.platform.time.ClockConfig.class,
        io.ordersvc.platform.privacy.PrivacyConfig.class}) // events are stored as the service stores them: sealed
public class EventGenerator implements ApplicationRunner {

    private final EventStorageEngine storage;
    private final TransactionManager transactions;

    EventGenerator(EventStorageEngine storage, TransactionManager transactions) {
        this.storage = storage;
        this.transactions = transactions;
    }

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(OrderServiceLauncher.run(EventGenerator.class, "bench-generator", args)));
    }

    @Override
    public void run(ApplicationArguments args) {
        int orders = Integer.parseInt(option(args, "orders", "170000"));
        int batch = Integer.parseInt(option(args, "batch", "2000"));
        Instant end = Instant.parse(option(args, "end", Instant.now().truncatedTo(ChronoUnit.HOURS).toString()));
        var settings = new ShopHistory.Settings(Long.parseLong(option(args, "seed", "42")), orders,
                Integer.parseInt(option(args, "shops", "40")), Integer.parseInt(option(args, "products-per-shop", "10")),
                Math.max(1, orders / 4), end.minus(Duration.ofDays(Long.parseLong(option(args, "days", "180")))), end);
        List<DomainEventMessage<?>> buffer = new ArrayList<>(batch);
        long started = System.nanoTime();
        long events = new ShopHistory(settings, event -> {
            buffer.add(event);
            if (buffer.size() >= batch) {
                append(buffer);
            }
        }).run();
        append(buffer);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("generated events=%d orders=%d seconds=%.1f events_per_s=%.0f%n", events, orders, seconds,
                events / seconds);
    }

    private void append(List<DomainEventMessage<?>> buffer) {
        if (!buffer.isEmpty()) {
            transactions.executeInTransaction(() -> storage.appendEvents(buffer));
            buffer.clear();
        }
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
