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
 * event per order. Members and wallets too: every completed order records its buyer's spending and earns their
 * points, and an uncached member was loaded from all of its events each time (a buyer's thousandth order read a
 * thousand events). Sizes bound the memory: about a kilobyte or two per aggregate, more for a wallet or member that
 * remembers many orders.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCaches {

    public static final String PRODUCTS = "productCache";
    public static final String ORDERS = "orderCache";
    public static final String MEMBERS = "memberCache";
    public static final String WALLETS = "walletCache";

    @Bean(PRODUCTS)
    Cache productCache(EventStorageEngine storage, FreshAggregateCache.LastSequenceNumbers last,
                       @Value("${orders.cache.products:10000}") int size) {
        return new FreshAggregateCache(storage, last, size);
    }

    @Bean(ORDERS)
    Cache orderCache(EventStorageEngine storage, FreshAggregateCache.LastSequenceNumbers last,
                       @Value("${orders.cache.orders:20000}") int size) {
        return new FreshAggregateCache(storage, last, size);
    }

    @Bean(MEMBERS)
    Cache memberCache(EventStorageEngine storage, FreshAggregateCache.LastSequenceNumbers last,
                       @Value("${orders.cache.members:20000}") int size) {
        return new FreshAggregateCache(storage, last, size);
    }

    @Bean(WALLETS)
    Cache walletCache(EventStorageEngine storage, FreshAggregateCache.LastSequenceNumbers last,
                       @Value("${orders.cache.wallets:20000}") int size) {
        return new FreshAggregateCache(storage, last, size);
    }
}
