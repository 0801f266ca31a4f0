package io.ordersvc.query.catalog;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.ProductEdited;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.SkuTerms;
import io.ordersvc.shared.catalog.StockChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** product_view and product_sku_view: the catalog as buyers see it, with available stock. */
@Component
@ProcessingGroup(ProductProjection.GROUP)
class ProductProjection {

    public static final String GROUP = ProcessingGroups.PRODUCTS;
    private final BatchTable<ProductViewEntity> productRows;
    private final BatchTable<ProductSkuEntity> skuRows;

    ProductProjection(CatalogTables tables) {
        this.productRows = tables.products;
        this.skuRows = tables.skus;
    }

    @EventHandler
    void on(ProductCreated e, @SequenceNumber long sequence) {
        if (productRows.find(e.productId()).isPresent()) {
            return; // replayed
        }
        var p = new ProductViewEntity();
        p.productId = e.productId();
        p.shopId = e.shopId();
        settle(p, e.name(), e.imageUrl(), e.settings());
        p.createdAt = e.createdAt();
        p.updatedAt = e.createdAt();
        p.version = sequence;
        productRows.insert(p);
        int position = 0;
        for (SkuSpec s : e.skus()) {
            var sku = new ProductSkuEntity();
            sku.skuId = s.skuId();
            sku.productId = e.productId();
            sku.position = position++;
            sku.skuCode = s.skuCode();
            sku.properties = JsonText.write(s.properties() == null ? Map.of() : s.properties());
            terms(sku, s.terms());
            sku.stock = s.stock();
            sku.version = sequence;
            skuRows.insert(sku);
        }
    }

    @EventHandler
    void on(ProductEdited e, @SequenceNumber long sequence) {
        productRows.find(e.productId()).filter(p -> p.version < sequence).ifPresent(p -> {
            settle(p, e.name(), e.imageUrl(), e.settings());
            p.updatedAt = e.editedAt();
            p.version = sequence;
            productRows.changed(p);
        });
        for (SkuTerms t : e.skus()) {
            skuRows.find(t.skuId()).filter(s -> s.version < sequence).ifPresent(s -> {
                terms(s, t);
                s.version = sequence;
                skuRows.changed(s);
            });
        }
    }

    private static void settle(ProductViewEntity p, String name, String imageUrl, ProductSettings s) {
        p.name = name;
        p.imageUrl = imageUrl;
        p.categoryId = s.categoryId();
        p.productType = s.productType().value();
        p.onShelf = s.onShelf();
        p.purchaseLimit = s.purchaseLimit();
        p.freightTemplateId = s.freightTemplateId();
        p.unifiedShippingFee = s.unifiedShippingFee() == null ? null : s.unifiedShippingFee().amount();
        p.ticketValidFrom = s.ticketValidFrom();
        p.ticketValidUntil = s.ticketValidUntil();
    }

    private static void terms(ProductSkuEntity sku, SkuTerms t) {
        sku.price = t.price().amount();
        sku.costPrice = t.costPrice() == null ? null : t.costPrice().amount();
        sku.pointsPrice = t.pointsPrice();
        sku.weightGrams = t.weightGrams();
        sku.pointsDeductible = t.pointsDeductible().amount();
        sku.givePoints = t.givePoints();
    }

    @EventHandler
    void on(StockAdjusted e, @SequenceNumber long sequence) {
        apply(sequence, List.of(new StockChange(e.skuId(), 0, e.availableAfter())));
    }

    @EventHandler
    void on(StockReserved e, @SequenceNumber long sequence) {
        apply(sequence, e.items());
    }

    @EventHandler
    void on(StockReleased e, @SequenceNumber long sequence) {
        apply(sequence, e.items());
    }

    /** Stock moves touch the SKU rows only: each keeps its own version, so product_view is not written. */
    private void apply(long sequence, List<StockChange> changes) {
        for (StockChange c : changes) {
            skuRows.find(c.skuId()).filter(s -> s.version < sequence).ifPresent(s -> {
                s.stock = c.availableAfter();
                s.version = sequence;
                skuRows.changed(s);
            });
        }
    }

    @ResetHandler
    void reset() {
        skuRows.deleteAll();
        productRows.deleteAll();
    }
}
