package io.ordersvc.command.cart;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.SellingTerms;
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

    /**
     * The catalog's price and shelf as of now: from the index written with the product's events, so adding to a
     * cart never waits for the product's lock (checkouts hold it while they take stock); through the product's own
     * quote for SKUs indexed before the index held terms.
     */
    @Bean
    CartDesk.Catalog cartCatalog(Stock stock, SellingTerms terms) {
        return skuId -> {
            var indexed = terms.terms(skuId);
            if (indexed.isPresent()) {
                var t = indexed.get();
                return Optional.of(new CartDesk.Offer(new Cart.Added(skuId, t.productId(), t.shopId(), t.price()),
                        t.productName(), t.onShelf()));
            }
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
