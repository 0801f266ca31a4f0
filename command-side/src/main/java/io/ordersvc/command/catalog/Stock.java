package io.ordersvc.command.catalog;

import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * Gives stock back to products from inside another command's unit of work (a cancelled order, a refund before
 * shipping, a confirmed return), so the stock moves in the same transaction as the fact that caused it.
 * Products are loaded in id order, like placement does, so no two commands wait on each other in a cycle.
 */
@Component
public class Stock {

    private final Repository<Product> products;

    public Stock(Repository<Product> products) {
        this.products = products;
    }

    /** @param quantities product id → sku id → units */
    public void release(String orderId, Map<String, Map<String, Integer>> quantities, String reason) {
        new TreeMap<>(quantities).forEach((productId, skus) ->
                products.load(productId).execute(p -> p.release(orderId, skus, reason)));
    }
}
