package io.ordersvc.command.member;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MemberConfig {

    /** A member lives as long as its buyer, and every completed order adds an event to it. */
    @Bean
    SnapshotTriggerDefinition memberSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${orders.member-snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
