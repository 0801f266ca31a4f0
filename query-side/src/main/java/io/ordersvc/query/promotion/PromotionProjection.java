package io.ordersvc.query.promotion;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionCreated;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionEnded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** promotion_view, in the catalog's processing group: promotions are few and change seldom. */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class PromotionProjection {

    private final BatchTable<PromotionViewEntity> rows;

    PromotionProjection(JdbcTemplate jdbc) {
        this.rows = new BatchTable<>(jdbc, Mapping.of(PromotionViewEntity.class)
                .prefetching(Prefetch.aggregates("Promotion")));
    }

    @EventHandler
    void on(PromotionCreated e, @SequenceNumber long sequence) {
        if (rows.find(e.promotionId()).isPresent()) {
            return; // replayed
        }
        var row = new PromotionViewEntity();
        row.promotionId = e.promotionId();
        row.shopId = e.shopId();
        row.name = e.rules().name();
        row.type = e.rules().type().value();
        row.startsAt = e.rules().startsAt();
        row.endsAt = e.rules().endsAt();
        row.rules = JsonText.write(e.rules());
        row.createdAt = e.createdAt();
        row.version = sequence;
        rows.insert(row);
    }

    @EventHandler
    void on(PromotionEnded e, @SequenceNumber long sequence) {
        rows.find(e.promotionId()).filter(row -> row.version < sequence).ifPresent(row -> {
            row.endedAt = e.endedAt();
            row.endsAt = e.endedAt().isBefore(row.endsAt) ? e.endedAt() : row.endsAt;
            row.version = sequence;
            rows.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
    }
}
