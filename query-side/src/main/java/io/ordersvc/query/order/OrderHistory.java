package io.ordersvc.query.order;

import io.ordersvc.platform.axon.AxonStorageConfig;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.shared.order.OrderQuery;
import io.ordersvc.shared.order.OrderViews.HistoryEntry;
import io.ordersvc.shared.order.OrderViews.OrderHistoryView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An order's event stream exactly as stored (payload and metadata JSON), for auditors. Read straight from the
 * event store, so it is never behind the projections; access is decided from the stream's own OrderPlaced.
 */
@Component
class OrderHistory {

    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {
    };
    private static final String PLACED = OrderEvent.OrderPlaced.class.getName();

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    OrderHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private record Row(long sequence, String payloadType, String timestamp, byte[] payload, byte[] metaData) {
    }

    @QueryHandler
    OrderHistoryView handle(OrderQuery.OrderHistory query) {
        List<Row> rows = jdbc.query("SELECT sequence_number, payload_type, time_stamp, payload, meta_data FROM "
                        + AxonStorageConfig.EVENT_TABLE + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5)),
                query.orderId());
        if (rows.isEmpty() || !PLACED.equals(rows.get(0).payloadType())) {
            throw Refusal.orderNotFound(query.orderId());
        }
        JsonNode placed = json.readTree(rows.get(0).payload());
        if (!Scope.of(query.actor()).includes(placed.path("buyerId").asString(), placed.path("shopId").asString())) {
            throw Refusal.orderNotFound(query.orderId());
        }
        return new OrderHistoryView(rows.stream().map(r -> new HistoryEntry(r.sequence(), shortType(r.payloadType()),
                Instant.parse(r.timestamp()), json.readTree(r.payload()),
                r.metaData() == null ? Map.of() : json.readValue(r.metaData(), META))).toList());
    }

    private static String shortType(String payloadType) {
        int dollar = payloadType.lastIndexOf('$');
        return payloadType.substring(Math.max(dollar, payloadType.lastIndexOf('.')) + 1);
    }
}
