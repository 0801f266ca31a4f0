package io.ordersvc.platform.ids;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;

/**
 * Where new resource ids come from: Spring's {@link IdGenerator}, random UUIDs in production ({@link RandomUuids}).
 * Endpoints and handlers take it injected (never {@code UUID.randomUUID()} of their own), so tests can predict ids.
 */
@Configuration(proxyBeanMethods = false)
public class IdsConfig {

    @Bean
    IdGenerator idGenerator() {
        return new RandomUuids();
    }
}
