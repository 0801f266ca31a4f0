package io.ordersvc.command.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.ProductEdited;
import io.ordersvc.shared.money.Money;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SKU id to product and shop, and the selling terms a cart needs, for the command side. A subscribing processor
 * writes it in the transaction that stores ProductCreated or ProductEdited, so an order placed right after a
 * product was created always finds its SKUs, and a cart sees the price an edit set.
 */
@Component
@ProcessingGroup(SkuIndex.GROUP)
class SkuIndex implements SkuOwners, ProductShops, SellingTerms {

    static final String GROUP = "sku-index";

    private final NamedParameterJdbcTemplate jdbc;
    /**
     * A SKU's product and shop never change once created: every placement asked for them (a quarter of a statement
     * per command), so the ones found stay in memory. A SKU not found is asked for again: another instance may have
     * just created it.
     */
    private final Cache<String, Owner> knownOwners = Caffeine.newBuilder().maximumSize(100_000).build();

    public SkuIndex(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProductCreated e) {
        MapSqlParameterSource[] rows = e.skus().stream()
                .map(s -> new MapSqlParameterSource()
                        .addValue("sku", s.skuId()).addValue("product", e.productId()).addValue("shop", e.shopId())
                        .addValue("price", s.price().amount()).addValue("name", e.name())
                        .addValue("shelf", e.settings().onShelf()))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("INSERT INTO sku_index (sku_id, product_id, shop_id, price, product_name, on_shelf) "
                + "VALUES (:sku, :product, :shop, :price, :name, :shelf)", rows);
    }

    @EventHandler
    void on(ProductEdited e) {
        MapSqlParameterSource[] rows = e.skus().stream()
                .map(s -> new MapSqlParameterSource().addValue("sku", s.skuId())
                        .addValue("price", s.price().amount()).addValue("name", e.name())
                        .addValue("shelf", e.settings().onShelf()))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("UPDATE sku_index SET price = :price, product_name = :name, on_shelf = :shelf "
                + "WHERE sku_id = :sku", rows);
    }

    @Override
    public Optional<Terms> terms(String skuId) {
        return jdbc.query("SELECT product_id, shop_id, product_name, price, on_shelf FROM sku_index WHERE sku_id = :sku"
                        + " AND price IS NOT NULL", Map.of("sku", skuId),
                (rs, i) -> new Terms(skuId, rs.getString(1), rs.getString(2), rs.getString(3),
                        Money.of(rs.getBigDecimal(4).setScale(2)), rs.getBoolean(5))).stream().findFirst();
    }

    @Override
    public Map<String, Owner> owners(Collection<String> skuIds) {
        Map<String, Owner> owners = new HashMap<>(knownOwners.getAllPresent(skuIds));
        List<String> missing = skuIds.stream().filter(id -> !owners.containsKey(id)).distinct().toList();
        if (missing.isEmpty()) {
            return owners;
        }
        jdbc.query("SELECT sku_id, product_id, shop_id FROM sku_index WHERE sku_id IN (:ids)",
                Map.of("ids", missing),
                rs -> {
                    Owner owner = new Owner(rs.getString(2), rs.getString(3));
                    owners.put(rs.getString(1), owner);
                    knownOwners.put(rs.getString(1), owner);
                });
        return owners;
    }

    @Override
    public Map<String, String> shops(Collection<String> productIds) {
        Map<String, String> shops = new HashMap<>();
        if (productIds.isEmpty()) {
            return shops;
        }
        jdbc.query("SELECT DISTINCT product_id, shop_id FROM sku_index WHERE product_id IN (:ids)",
                Map.of("ids", productIds), rs -> {
                    shops.put(rs.getString(1), rs.getString(2));
                });
        return shops;
    }
}
