package io.ordersvc.command.cart;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.shared.order.OrderType;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.Optional;

@Configuration(proxyBeanMethods = false)
class CartConfig {

    /** A cart lives as long as its buyer: every add, change and selection is an event, so its stream keeps growing. */
    @Bean
    SnapshotTriggerDefinition cartSnapshotTrigger(Snapshotter snapshotter,
                                                  @Value("${orders.cart-snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** The catalog's product as of now (its price, its shelf), through the catalog's own quote. */
    @Bean
    CartDesk.Catalog cartCatalog(Stock stock) {
        return skuId -> {
            var owners = stock.owners(java.util.List.of(skuId));
            if (!owners.containsKey(skuId)) {
                return Optional.empty();
            }
            Product.Reserved line = stock.quote(Map.of(skuId, 1), owners, OrderType.PHYSICAL).get(0).lines().get(0);
            return Optional.of(new CartDesk.Offer(new Cart.Added(skuId, line.productId(), line.shopId(),
                    line.sku().price()), line.productName(), line.settings().onShelf()));
        };
    }
}
