package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.ShipmentLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The tables the order projections write, as {@link BatchTable}s of their row classes. */
@Component
class OrderTables {

    private static final String ORDER = "Order";

    final BatchTable<OrderViewEntity> orders;
    final BatchTable<OrderLineEntity> lines;
    final BatchTable<ShipmentEntity> shipments;
    final BatchTable<OrderLogEntity> log;

    OrderTables(JdbcTemplate jdbc) {
        orders = new BatchTable<>(jdbc, Mapping.of(OrderViewEntity.class).prefetching(Prefetch.aggregates(ORDER)));
        // A shipment changes the lines it names: a batch's shipped lines are loaded in one query, not one by one.
        lines = new BatchTable<>(jdbc, Mapping.of(OrderLineEntity.class).prefetching(Prefetch.named(
                OrderShipped.class, e -> e.lines().stream().map(ShipmentLine::orderLineId).toList())));
        // Insert-only: a shipment is written once, by the (version-guarded) OrderShipped handler.
        shipments = new BatchTable<>(jdbc, Mapping.of(ShipmentEntity.class));
        // Insert-only, one row per event: a replayed event's row is already there and stays as it is.
        log = new BatchTable<>(jdbc, Mapping.of(OrderLogEntity.class).onConflict("ON CONFLICT DO NOTHING"));
    }
}
