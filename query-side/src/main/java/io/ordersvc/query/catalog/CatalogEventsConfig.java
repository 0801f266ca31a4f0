package io.ordersvc.query.catalog;

import io.ordersvc.shared.catalog.ProductEventUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side reads products created before their selling terms existed as the command side does. */
@Configuration(proxyBeanMethods = false)
class CatalogEventsConfig {

    @Bean
    EventUpcaster productEventUpcastersForProjections() {
        return new EventUpcasterChain(ProductEventUpcasters.all());
    }
}
