package io.ordersvc.platform.web.idempotency;

import io.ordersvc.platform.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencySettings.class)
public class IdempotencyConfig {

    /** Spring Security's filter chain runs at -100; this must run after it to know the caller. */
    static final int AFTER_SECURITY = -90;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter problems,
                                                                Clock clock, IdempotencySettings settings) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, problems, clock, settings));
        registration.setOrder(AFTER_SECURITY);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyStore store, Clock clock) {
        return new IdempotencyPurge(store, clock);
    }

    /** Expired keys are deleted every few minutes (any instance may do it; deleting twice is harmless). */
    public static class IdempotencyPurge {
        private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);
        private final IdempotencyStore store;
        private final Clock clock;

        IdempotencyPurge(IdempotencyStore store, Clock clock) {
            this.store = store;
            this.clock = clock;
        }

        @Scheduled(initialDelayString = "${orders.idempotency.purge-every:5m}",
                fixedDelayString = "${orders.idempotency.purge-every:5m}")
        public void purge() {
            try {
                int purged = store.purgeExpired(clock.instant());
                if (purged > 0) {
                    log.info("purged {} expired idempotency keys", purged);
                }
            } catch (RuntimeException e) {
                log.warn("idempotency purge failed, will retry: {}", e.toString());
            }
        }
    }
}
