package io.ordersvc.command.support;

import io.ordersvc.platform.axon.FreshAggregateCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The aggregates every command loads stay in memory between commands (FreshAggregateCache: served only while the
 * store holds nothing newer). Products above all: each order placement loads its products, whose streams grow by an
 * event per order. Sizes bound the memory: about a kilobyte or two per aggregate.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCaches {

    public static final String PRODUCTS = "productCache";
    public static final String ORDERS = "orderCache";

    @Bean(PRODUCTS)
    Cache productCache(EventStorageEngine storage, @Value("${orders.cache.products:10000}") int size) {
        return new FreshAggregateCache(storage, size);
    }

    @Bean(ORDERS)
    Cache orderCache(EventStorageEngine storage, @Value("${orders.cache.orders:20000}") int size) {
        return new FreshAggregateCache(storage, size);
    }
}
