package io.ordersvc.query.order;

import io.ordersvc.platform.axon.AxonStorageConfig;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderQuery;
import io.ordersvc.shared.order.OrderViews.HistoryEntry;
import io.ordersvc.shared.order.OrderViews.OrderHistoryView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order's event stream for auditors, read straight from the event store (so it is never behind the projections)
 * through the upcasters: each event as the service reads it today, in snake_case like every response, with the
 * revision it was stored with. Access is decided from the stream's own OrderPlaced.
 */
@Component
class OrderHistory {

    /** Axon's own metadata, in the API's spelling. */
    private static final Map<String, String> AXON_METADATA = Map.of("correlationId", "caused_by_message",
            "traceId", "trace_id");

    private final EventStore events;
    private final JdbcTemplate jdbc;

    OrderHistory(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    @QueryHandler
    OrderHistoryView handle(OrderQuery.OrderHistory query) {
        List<? extends DomainEventMessage<?>> stream = events.readEvents(query.orderId()).asStream().toList();
        if (stream.isEmpty() || !(stream.get(0).getPayload() instanceof OrderPlaced placed)
                || !Scope.of(query.actor()).includes(placed.buyerId(), placed.shopId())) {
            throw Refusal.orderNotFound(query.orderId());
        }
        Map<Long, String> revisions = new HashMap<>();
        jdbc.query("SELECT sequence_number, payload_revision FROM " + AxonStorageConfig.EVENT_TABLE
                + " WHERE aggregate_identifier = ?", rs -> {
            revisions.put(rs.getLong(1), rs.getString(2) == null ? "1" : rs.getString(2));
        }, query.orderId());
        return new OrderHistoryView(stream.stream().map(e -> new HistoryEntry(e.getSequenceNumber(),
                shortType(e.getPayloadType().getName()), revisions.getOrDefault(e.getSequenceNumber(), "1"),
                e.getTimestamp(), e.getPayload(), metadata(e.getMetaData()))).toList());
    }

    private static Map<String, Object> metadata(Map<String, ?> stored) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        stored.forEach((key, value) -> metadata.put(AXON_METADATA.getOrDefault(key, key), value));
        return metadata;
    }

    private static String shortType(String payloadType) {
        int dollar = payloadType.lastIndexOf('$');
        return payloadType.substring(Math.max(dollar, payloadType.lastIndexOf('.')) + 1);
    }
}
