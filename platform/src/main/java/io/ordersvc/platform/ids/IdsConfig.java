package io.ordersvc.platform.ids;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;

import java.time.Clock;

/**
 * Where new resource ids come from: Spring's {@link IdGenerator}, time-ordered UUIDs in production
 * ({@link TimeOrderedUuids}, from the service's clock). Endpoints and handlers take it injected (never
 * {@code UUID.randomUUID()} of their own), so tests can predict ids.
 */
@Configuration(proxyBeanMethods = false)
public class IdsConfig {

    @Bean
    IdGenerator idGenerator(Clock clock) {
        return new TimeOrderedUuids(clock);
    }
}
