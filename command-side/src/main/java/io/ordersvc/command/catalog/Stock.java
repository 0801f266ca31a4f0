package io.ordersvc.command.catalog;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.OrderType;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog's stock, as other features move it: from inside their own command's unit of work, so the stock moves
 * in the same transaction as the fact that caused it (an order placed or cancelled, a refund paid out). Products are
 * loaded through {@link LockOrder}, in id order.
 */
@Component
@FeatureApi
public class Stock {

    private final Repository<Product> products;
    private final SkuOwners skus;

    public Stock(Repository<Product> products, SkuOwners skus) {
        this.products = products;
        this.skus = skus;
    }

    /** The product and shop of each known SKU. */
    public Map<String, SkuOwners.Owner> owners(Collection<String> skuIds) {
        return skus.owners(skuIds);
    }

    /**
     * Takes stock for an order: every SKU or none (a refusal leaves nothing applied).
     *
     * @param quantities sku id → units; every SKU must have an owner in {@code owners}
     * @return what was taken, with the catalog data of the moment, in the order of {@code quantities}
     */
    public List<Product.Reserved> reserve(String orderId, Map<String, Integer> quantities,
                                          Map<String, SkuOwners.Owner> owners, OrderType orderType) {
        Map<String, Map<String, Integer>> byProduct = new TreeMap<>();
        quantities.forEach((sku, qty) -> byProduct
                .computeIfAbsent(owners.get(sku).productId(), p -> new LinkedHashMap<>()).put(sku, qty));
        Map<String, Product.Reserved> taken = new LinkedHashMap<>();
        for (var entry : byProduct.entrySet()) {
            List<Product.Reserved> reserved = product(entry.getKey())
                    .invoke(p -> p.reserve(orderId, entry.getValue(), orderType));
            reserved.forEach(r -> taken.put(r.sku().skuId(), r));
        }
        List<Product.Reserved> inOrder = new ArrayList<>();
        quantities.keySet().forEach(sku -> inOrder.add(taken.get(sku)));
        return inOrder;
    }

    /**
     * Takes stock for several orders at once (a checkout split by shop): every SKU of every order or none, the
     * products loaded in id order across all of them.
     *
     * @param byOrder order id → sku id → units
     * @return sku id → what was taken
     */
    public Map<String, Product.Reserved> reserveAll(Map<String, Map<String, Integer>> byOrder,
                                                     Map<String, SkuOwners.Owner> owners, OrderType orderType) {
        Map<String, Map<String, Integer>> byProduct = new TreeMap<>();
        Map<String, String> orderOf = new HashMap<>();
        byOrder.forEach((orderId, quantities) -> quantities.forEach((sku, qty) -> {
            String productId = owners.get(sku).productId();
            byProduct.computeIfAbsent(productId, p -> new LinkedHashMap<>()).put(sku, qty);
            orderOf.put(productId, orderId);
        }));
        Map<String, Product.Reserved> taken = new LinkedHashMap<>();
        byProduct.forEach((productId, quantities) -> product(productId)
                .invoke(p -> p.reserve(orderOf.get(productId), quantities, orderType))
                .forEach(r -> taken.put(r.sku().skuId(), r)));
        return taken;
    }

    /** What taking these units would take, and why it could not, without taking anything (a preview). */
    public List<Product.Quote> quote(Map<String, Integer> quantities, Map<String, SkuOwners.Owner> owners,
                                     OrderType orderType) {
        Map<String, Map<String, Integer>> byProduct = new TreeMap<>();
        quantities.forEach((sku, qty) -> byProduct
                .computeIfAbsent(owners.get(sku).productId(), p -> new LinkedHashMap<>()).put(sku, qty));
        List<Product.Quote> quotes = new ArrayList<>();
        byProduct.forEach((productId, units) -> quotes.add(product(productId).invoke(p -> p.quote(units,
                orderType))));
        return quotes;
    }

    /** Gives back what an order took. @param quantities product id → sku id → units */
    public void release(String orderId, Map<String, Map<String, Integer>> quantities, String reason) {
        new TreeMap<>(quantities).forEach((productId, units) ->
                product(productId).execute(p -> p.release(orderId, units, reason)));
    }

    /** Corrects what an order gave back of one SKU; @return the units applied (see {@link Product#correct}) */
    public int correct(String orderId, String productId, String skuId, int delta) {
        return product(productId).invoke(p -> p.correct(orderId, skuId, delta));
    }

    private Aggregate<Product> product(String productId) {
        return LockOrder.load(products, LockOrder.Rank.PRODUCT, productId, Refusal::productNotFound);
    }
}
