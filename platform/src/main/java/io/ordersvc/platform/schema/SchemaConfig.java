package io.ordersvc.platform.schema;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Spring Boot's Flyway migrates the platform's tables (application.yml: {@code spring.flyway}); this strategy then
 * migrates every module a deployment contains, each from the {@link ModuleSchema} bean it contributes.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaConfig {

    @Bean
    SchemaMigrations schemaMigrations(List<ModuleSchema> modules) {
        return new SchemaMigrations(modules);
    }

    @Bean
    FlywayMigrationStrategy moduleMigrations(SchemaMigrations migrations) {
        return migrations::migrate;
    }
}
