package io.ordersvc.query.shipping;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateCreated;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateReplaced;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * freight_template_view. In the catalog's processing group: templates change seldom, and a processor of their own
 * would cost a thread and a token update per batch for nothing.
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class FreightTemplateProjection {

    private final BatchTable<FreightTemplateViewEntity> rows;

    FreightTemplateProjection(JdbcTemplate jdbc) {
        this.rows = new BatchTable<>(jdbc, Mapping.of(FreightTemplateViewEntity.class)
                .prefetching(Prefetch.aggregates("FreightTemplate")));
    }

    @EventHandler
    void on(FreightTemplateCreated e, @SequenceNumber long sequence) {
        if (rows.find(e.freightTemplateId()).isPresent()) {
            return; // replayed
        }
        var row = new FreightTemplateViewEntity();
        row.freightTemplateId = e.freightTemplateId();
        row.shopId = e.shopId();
        row.name = e.rules().name();
        row.rules = JsonText.write(e.rules());
        row.createdAt = e.createdAt();
        row.updatedAt = e.createdAt();
        row.version = sequence;
        rows.insert(row);
    }

    @EventHandler
    void on(FreightTemplateReplaced e, @SequenceNumber long sequence) {
        rows.find(e.freightTemplateId()).filter(row -> row.version < sequence).ifPresent(row -> {
            row.name = e.rules().name();
            row.rules = JsonText.write(e.rules());
            row.updatedAt = e.replacedAt();
            row.version = sequence;
            rows.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
    }
}
