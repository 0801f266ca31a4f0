package io.ordersvc.query.shop;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.shop.ShopEvent.ShopProfileSaved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** shop_view, in the catalog's processing group: each save replaces the row, once (by version). */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class ShopProjection {

    private final BatchTable<ShopViewEntity> shops;

    ShopProjection(JdbcTemplate jdbc) {
        this.shops = new BatchTable<>(jdbc, Mapping.of(ShopViewEntity.class));
    }

    @EventHandler
    void on(ShopProfileSaved e, @SequenceNumber long sequence) {
        var existing = shops.find(e.shopId());
        if (existing.isPresent() && existing.get().version >= sequence) {
            return;
        }
        ShopViewEntity row = existing.orElseGet(ShopViewEntity::new);
        row.shopId = e.shopId();
        row.name = e.name();
        row.servicePhone = e.servicePhone();
        row.returnAddresses = JsonText.write(e.returnAddresses());
        row.version = sequence;
        if (existing.isPresent()) {
            shops.changed(row);
        } else {
            shops.insert(row);
        }
    }

    @ResetHandler
    void reset() {
        shops.deleteAll();
    }
}
