package io.ordersvc.platform.web.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retention    how long a first response is replayed (API.md: 24 h)
 * @param waitForFirst how long a concurrent duplicate waits for the first request's response
 * @param abandonAfter an in-flight claim older than this belongs to a request that died; it may be taken over
 */
@ConfigurationProperties("orders.idempotency")
public record IdempotencySettings(Duration retention, Duration waitForFirst, Duration abandonAfter) {

    public IdempotencySettings {
        retention = retention == null ? Duration.ofHours(24) : retention;
        waitForFirst = waitForFirst == null ? Duration.ofSeconds(10) : waitForFirst;
        abandonAfter = abandonAfter == null ? Duration.ofMinutes(1) : abandonAfter;
    }
}
