package io.ordersvc.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one deployment flavour. Every flavour reads the shared {@code application.yml} plus its own
 * {@code <side>.yml}, so the standalone JVM and the split sides never shadow each other's settings.
 */
public final class OrderServiceLauncher {

    /** For tests that boot the standalone flavour without going through {@link #run}. */
    /** The system property Axon's EmbeddedEventStore reads its default from. */
    public static final String OPTIMIZE_EVENT_CONSUMPTION = "optimize-event-consumption";

    public static final String CONFIG_NAMES_STANDALONE = "spring.config.name=application,standalone";

    private OrderServiceLauncher() {
    }

    public static ConfigurableApplicationContext run(Class<?> app, String side, String... args) {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            // The update checker calls out to the internet; a self-hosted order service must not.
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty(OPTIMIZE_EVENT_CONSUMPTION) == null) {
            // The embedded event store's shared read-ahead cache keeps every event alive behind a processor that
            // lags (AxonFramework#2954): following a million-event import live, the query side ran out of a 1 GB
            // heap. Each processor reads its own stream from the database instead.
            System.setProperty(OPTIMIZE_EVENT_CONSUMPTION, "false");
        }
        return new SpringApplicationBuilder(app).properties(configNames(side)).run(args);
    }

    public static String configNames(String side) {
        return "spring.config.name=application," + side;
    }
}
