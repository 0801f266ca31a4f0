package io.ordersvc.command.logistics;

import io.ordersvc.platform.axon.DeferredWrites;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * A parcel's carrier and tracking number to its order and shipment, for the command side: a subscribing handler
 * writes it in the transaction that stores the shipment, so a carrier's first notification finds it.
 */
@Component
@ProcessingGroup(ShipmentIndex.GROUP)
class ShipmentIndex {

    static final String GROUP = "shipment-index";

    record Shipment(String orderId, String shipmentId) {
    }

    private final JdbcTemplate jdbc;

    ShipmentIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sent with the ship command's commit, not a round trip of its own (bench/README.md, session 47). */
    @EventHandler
    void on(OrderShipped e) {
        DeferredWrites.writeWithCommand(jdbc, "INSERT INTO shipment_index (carrier_code, tracking_no, order_id,"
                + " shipment_id, shipped_at) VALUES (?, ?, ?, ?, ?)", 5, (ps, c, first) -> {
                    ps.setString(first, e.carrierCode().toUpperCase(Locale.ROOT));
                    ps.setString(first + 1, e.trackingNo());
                    ps.setString(first + 2, e.orderId());
                    ps.setString(first + 3, e.shipmentId());
                    ps.setObject(first + 4, OffsetDateTime.ofInstant(e.shippedAt(), ZoneOffset.UTC));
                });
    }

    /** The latest shipment with this carrier and tracking number (a number reused years later finds the new one). */
    Optional<Shipment> find(String carrierCode, String trackingNo) {
        return jdbc.query("SELECT order_id, shipment_id FROM shipment_index WHERE carrier_code = ? AND tracking_no = ?"
                        + " ORDER BY shipped_at DESC FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new Shipment(rs.getString(1), rs.getString(2)),
                carrierCode.toUpperCase(Locale.ROOT), trackingNo).stream().findFirst();
    }
}
