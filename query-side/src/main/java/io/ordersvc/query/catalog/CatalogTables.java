package io.ordersvc.query.catalog;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.StockChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static io.ordersvc.query.support.BatchTable.instant;

/** The tables the product projection writes, as {@link BatchTable}s: columns in the migrations' order. */
@Component
class CatalogTables {

    private static final String PRODUCT = "Product";

    final BatchTable<ProductViewEntity> products;
    final BatchTable<ProductSkuEntity> skus;

    CatalogTables(JdbcTemplate jdbc) {
        products = new BatchTable<>(jdbc, Mapping.of("product_view", List.of(
                "product_id", "shop_id", "name", "image_url", "freight_template_id", "created_at", "version"),
                p -> p.productId,
                p -> new Object[]{p.productId, p.shopId, p.name, p.imageUrl, p.freightTemplateId, p.createdAt,
                        p.version},
                CatalogTables::readProduct).prefetching(Prefetch.aggregates(PRODUCT)));
        // Every order reserves stock: the SKUs a batch's stock events name are loaded in one query, not one by one.
        skus = new BatchTable<>(jdbc, Mapping.of("product_sku_view", List.of(
                "sku_id", "product_id", "position", "sku_code", "properties", "price", "cost_price", "points_price",
                "stock"),
                s -> s.skuId,
                s -> new Object[]{s.skuId, s.productId, s.position, s.skuCode, s.properties, s.price, s.costPrice,
                        s.pointsPrice, s.stock},
                CatalogTables::readSku).prefetching(Prefetch.named(StockReserved.class, e -> skuIds(e.items()))
                .and(Prefetch.named(StockReleased.class, e -> skuIds(e.items())))
                .and(Prefetch.named(StockAdjusted.class, e -> List.of(e.skuId())))));
    }

    private static List<String> skuIds(List<StockChange> items) {
        return items.stream().map(StockChange::skuId).toList();
    }

    private static ProductViewEntity readProduct(ResultSet rs) throws SQLException {
        var p = new ProductViewEntity();
        p.productId = rs.getString("product_id");
        p.shopId = rs.getString("shop_id");
        p.name = rs.getString("name");
        p.imageUrl = rs.getString("image_url");
        p.freightTemplateId = rs.getString("freight_template_id");
        p.createdAt = instant(rs, "created_at");
        p.version = rs.getLong("version");
        return p;
    }

    private static ProductSkuEntity readSku(ResultSet rs) throws SQLException {
        var s = new ProductSkuEntity();
        s.skuId = rs.getString("sku_id");
        s.productId = rs.getString("product_id");
        s.position = rs.getInt("position");
        s.skuCode = rs.getString("sku_code");
        s.properties = rs.getString("properties");
        s.price = rs.getBigDecimal("price");
        s.costPrice = rs.getBigDecimal("cost_price");
        s.pointsPrice = rs.getObject("points_price", Long.class);
        s.stock = rs.getLong("stock");
        return s;
    }
}
