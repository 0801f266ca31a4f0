package io.ordersvc.query.analytics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

/** The time zone whose calendar days the analytics count in (ORDERS_ANALYTICS_ZONE), read in one place. */
record AnalyticsZone(ZoneId id) {

    @Configuration(proxyBeanMethods = false)
    static class Config {

        @Bean
        AnalyticsZone analyticsZone(@Value("${orders.analytics.zone:Asia/Shanghai}") ZoneId zone) {
            return new AnalyticsZone(zone);
        }
    }
}
