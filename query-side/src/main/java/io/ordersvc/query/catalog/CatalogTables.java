package io.ordersvc.query.catalog;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.ProductEdited;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.SkuTerms;
import io.ordersvc.shared.catalog.StockChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;


/** The tables the product projection writes, as {@link BatchTable}s of their row classes. */
@Component
class CatalogTables {

    final BatchTable<ProductViewEntity> products;
    final BatchTable<ProductSkuEntity> skus;

    CatalogTables(JdbcTemplate jdbc) {
        // Stock moves change SKU rows only (ProductProjection): the product's row is read for its creation and edits.
        products = new BatchTable<>(jdbc, Mapping.of(ProductViewEntity.class)
                .prefetching(Prefetch.named(ProductCreated.class, e -> List.of(e.productId()))
                        .and(Prefetch.named(ProductEdited.class, e -> List.of(e.productId())))));
        // Every order reserves stock: the SKUs a batch's stock events name are loaded in one query, not one by one.
        skus = new BatchTable<>(jdbc, Mapping.of(ProductSkuEntity.class)
                .prefetching(Prefetch.named(StockReserved.class, e -> skuIds(e.items()))
                        .and(Prefetch.named(StockReleased.class, e -> skuIds(e.items())))
                        .and(Prefetch.named(StockAdjusted.class, e -> List.of(e.skuId())))
                        .and(Prefetch.named(ProductEdited.class, e -> e.skus().stream().map(SkuTerms::skuId)
                                .toList()))));
    }

    private static List<String> skuIds(List<StockChange> items) {
        return items.stream().map(StockChange::skuId).toList();
    }
}
