package io.ordersvc.command.order;

import io.ordersvc.shared.order.OrderEventUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderSettings.class)
class OrderSettingsConfig {

    /** Order events stored before their due dates were facts, read with the periods configured now. */
    @Bean
    EventUpcaster orderEventUpcasters(OrderSettings settings) {
        return new EventUpcasterChain(OrderEventUpcasters.all(settings.timers().autoConfirmAfter(),
                settings.timers().reviewWindow(), settings.afterSalesWindow()));
    }
}
