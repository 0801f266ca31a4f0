package io.ordersvc.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one deployment flavour. Every flavour reads the shared {@code application.yml} plus its own
 * {@code <side>.yml}, so the standalone JVM and the split sides never shadow each other's settings.
 */
public final class OrderServiceLauncher {

    /** For tests that boot the standalone flavour without going through {@link #run}. */
    public static final String CONFIG_NAMES_STANDALONE = "spring.config.name=application,standalone";

    private OrderServiceLauncher() {
    }

    public static ConfigurableApplicationContext run(Class<?> app, String side, String... args) {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            // The update checker calls out to the internet; a self-hosted order service must not.
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        return new SpringApplicationBuilder(app).properties(configNames(side)).run(args);
    }

    public static String configNames(String side) {
        return "spring.config.name=application," + side;
    }
}
