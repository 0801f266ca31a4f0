package io.ordersvc.command.catalog;

import io.ordersvc.shared.catalog.ProductEventUpcasters;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfig {

    /** Every order touches its products: without snapshots a popular product's load time grows without bound. */
    @Bean
    SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${orders.product-snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** Products created before their selling terms existed, read with the defaults. */
    @Bean
    EventUpcaster productEventUpcasters() {
        return new EventUpcasterChain(ProductEventUpcasters.all());
    }
}
