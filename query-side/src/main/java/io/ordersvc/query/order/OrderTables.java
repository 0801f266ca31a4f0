package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.MemoryRows;
import io.ordersvc.query.support.Rows;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.ReceiverChanged;
import io.ordersvc.shared.order.ShipmentLine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tables the order projections write: in PostgreSQL as {@link BatchTable}s of their row classes, or, for one
 * order's fold, in memory.
 */
@Component
class OrderTables {

    private static final String ORDER = "Order";

    final Rows<OrderViewEntity> orders;
    final Rows<OrderLineEntity> lines;
    final Rows<ShipmentEntity> shipments;
    final Rows<OrderLogEntity> log;
    final Rows<OrderHistoryEntity> history;
    final Rows<ReceiverTokenEntity> tokens;
    final Rows<OrderSearchEntity> search;

    @Autowired
    OrderTables(JdbcTemplate jdbc) {
        // A shipment changes the lines it names: a batch's shipped lines are loaded in one query, not one by one, and
        // in the round trip that loads its orders (each handler looks its order up first).
        BatchTable<OrderLineEntity> shippedLines = new BatchTable<>(jdbc, Mapping.of(OrderLineEntity.class)
                .prefetching(Prefetch.named(OrderShipped.class,
                        e -> e.lines().stream().map(ShipmentLine::orderLineId).toList())));
        lines = shippedLines;
        // Insert-only: a shipment is written once, by the (version-guarded) OrderShipped handler.
        shipments = new BatchTable<>(jdbc, Mapping.of(ShipmentEntity.class));
        // Insert-only, one row per event: a replayed event's row is already there and stays as it is.
        log = new BatchTable<>(jdbc, Mapping.of(OrderLogEntity.class).onConflict("ON CONFLICT DO NOTHING"));
        // Written by the archive (OrderArchive); the projection only marks an archived order hidden by its buyer.
        history = new BatchTable<>(jdbc, Mapping.of(OrderHistoryEntity.class));
        // Written when a receiver is; only a new receiver looks its order's row up. A replayed placement of an
        // archived order (a rebuild) writes the same tokens again: the archive's next sweep takes them.
        BatchTable<ReceiverTokenEntity> receiverTokens = new BatchTable<>(jdbc, Mapping.of(ReceiverTokenEntity.class)
                .prefetching(Prefetch.named(ReceiverChanged.class, e -> java.util.List.of(e.orderId())))
                .onConflict("ON CONFLICT DO NOTHING"));
        tokens = receiverTokens;
        orders = new BatchTable<>(jdbc, Mapping.of(OrderViewEntity.class).prefetching(Prefetch.aggregates(ORDER)))
                .loadingAlong(shippedLines).loadingAlong(receiverTokens);
        // Insert-only, written at placement (a shipment's tracking number is searched in its shipment's row); as with
        // the tokens, a replayed placement of an archived order writes its row again for the archive's next sweep.
        search = new BatchTable<>(jdbc, Mapping.of(OrderSearchEntity.class).onConflict("ON CONFLICT DO NOTHING"));
    }

    private OrderTables(Rows<OrderViewEntity> orders, Rows<OrderLineEntity> lines, Rows<ShipmentEntity> shipments,
                        Rows<OrderLogEntity> log, Rows<OrderHistoryEntity> history,
                        Rows<ReceiverTokenEntity> tokens, Rows<OrderSearchEntity> search) {
        this.history = history;
        this.tokens = tokens;
        this.search = search;
        this.orders = orders;
        this.lines = lines;
        this.shipments = shipments;
        this.log = log;
    }

    /** Empty tables in memory: one order's events folded for one answer. */
    static OrderTables inMemory() {
        return new OrderTables(MemoryRows.of(OrderViewEntity.class), MemoryRows.of(OrderLineEntity.class),
                MemoryRows.of(ShipmentEntity.class), MemoryRows.of(OrderLogEntity.class),
                MemoryRows.of(OrderHistoryEntity.class), MemoryRows.of(ReceiverTokenEntity.class),
                MemoryRows.of(OrderSearchEntity.class));
    }

    <R> java.util.List<R> rows(Rows<R> table) {
        return ((MemoryRows<R>) table).all();
    }
}
