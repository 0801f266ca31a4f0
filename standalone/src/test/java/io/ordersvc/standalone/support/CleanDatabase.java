package io.ordersvc.standalone.support;

import io.ordersvc.platform.schema.SchemaMigrations;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Every test context starts from an empty schema, so no projection replays a previous run's events. Also: a clock
 * tests can move, and a switch that makes the next refund payment fail mid-transaction (a simulated crash).
 */
@TestConfiguration(proxyBeanMethods = false)
public class CleanDatabase {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    CrashSwitch crashSwitch() {
        return new CrashSwitch();
    }

    /** Runs inside the command's unit of work (subscribing processor) and so can abort it half-way. */
    @Bean
    ConfigurerModule crashSwitchPropagates() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(CrashSwitch.GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    @Primary
    FlywayMigrationStrategy cleanThenMigrate(SchemaMigrations migrations) {
        return flyway -> {
            flyway.clean();
            migrations.migrate(flyway);
        };
    }
}
