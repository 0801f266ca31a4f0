package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.logistics.LogisticsEvent.TracesRecorded;
import io.ordersvc.shared.logistics.Trace;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * shipment_tracking, in the catalog's processing group (carriers' notifications are rare; the orders' group stays
 * for the hot path): the traces of each parcel appended once (by the tracking's version).
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class TrackingProjection {

    static final tools.jackson.core.type.TypeReference<List<Trace>> TRACES =
            new tools.jackson.core.type.TypeReference<>() {
            };
    private final BatchTable<ShipmentTrackingEntity> tracking;

    TrackingProjection(JdbcTemplate jdbc) {
        this.tracking = new BatchTable<>(jdbc, Mapping.of(ShipmentTrackingEntity.class));
    }

    @EventHandler
    void on(TracesRecorded e, @SequenceNumber long sequence) {
        var existing = tracking.find(e.shipmentId());
        if (existing.isPresent() && existing.get().version >= sequence) {
            return;
        }
        ShipmentTrackingEntity row = existing.orElseGet(ShipmentTrackingEntity::new);
        List<Trace> traces = new ArrayList<>(row.traces == null ? List.of() : JsonText.read(row.traces, TRACES));
        traces.addAll(e.traces());
        row.shipmentId = e.shipmentId();
        row.orderId = e.orderId();
        row.delivered = e.delivered();
        row.traces = JsonText.write(traces);
        row.version = sequence;
        if (existing.isPresent()) {
            tracking.changed(row);
        } else {
            tracking.insert(row);
        }
    }

    @ResetHandler
    void reset() {
        tracking.deleteAll();
    }
}
