package io.ordersvc.query.order;

import io.ordersvc.shared.order.OrderEventUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The query side reads order events stored before their due dates were facts with the periods configured now, as
 * the command side does (in the all-in-one JVM both chains run; the second finds nothing left to upcast).
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsConfig {

    @Bean
    EventUpcaster orderEventUpcastersForProjections(
            @Value("${orders.timers.auto-confirm-after:10d}") Duration autoConfirmAfter,
            @Value("${orders.timers.review-window:15d}") Duration reviewWindow,
            @Value("${orders.after-sales-window:15d}") Duration afterSalesWindow) {
        return new EventUpcasterChain(OrderEventUpcasters.all(autoConfirmAfter, reviewWindow, afterSalesWindow));
    }
}
