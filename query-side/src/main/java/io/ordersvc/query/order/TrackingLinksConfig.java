package io.ordersvc.query.order;

import io.ordersvc.shared.logistics.TrackingLinks;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The carriers' tracking links (orders.logistics.tracking-urls, carrier code → template) on the allowed hosts
 * (orders.logistics.allowed-hosts): a template that is not https on an allowed host stops the service at start.
 */
@Configuration(proxyBeanMethods = false)
class TrackingLinksConfig {

    @Bean
    TrackingLinks trackingLinks(Environment env) {
        Binder binder = Binder.get(env);
        Map<String, String> templates = binder.bind("orders.logistics.tracking-urls",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Set<String> hosts = binder.bind("orders.logistics.allowed-hosts", Bindable.setOf(String.class))
                .orElse(Set.of()).stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        return TrackingLinks.of(templates, hosts);
    }
}
