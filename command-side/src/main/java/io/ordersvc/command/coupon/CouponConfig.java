package io.ordersvc.command.coupon;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CouponConfig {

    /** A popular template issues a coupon per buyer: without snapshots each claim would replay them all. */
    @Bean
    SnapshotTriggerDefinition couponTemplateSnapshotTrigger(Snapshotter snapshotter,
            @Value("${orders.coupon-template-snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
