package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.ShipmentLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static io.ordersvc.query.support.BatchTable.instant;

/** The tables the order projections write, as {@link BatchTable}s: columns in the migrations' order. */
@Component
class OrderTables {

    private static final String ORDER = "Order";

    final BatchTable<OrderViewEntity> orders;
    final BatchTable<OrderLineEntity> lines;
    final BatchTable<ShipmentEntity> shipments;
    final BatchTable<OrderLogEntity> log;

    OrderTables(JdbcTemplate jdbc) {
        orders = new BatchTable<>(jdbc, Mapping.of("order_view", List.of(
                "order_id", "order_no", "buyer_id", "shop_id", "order_type", "status", "review_pending",
                "refund_in_progress", "open_refund_lines", "refund_finished", "deleted_by_buyer", "after_sales_closed",
                "goods_amount", "shipping_fee", "discount_amount", "pay_amount", "points_amount", "points_earned",
                "receiver_name", "receiver_phone", "receiver_province", "receiver_city", "receiver_district",
                "receiver_address", "receiver_zipcode", "buyer_remark", "goods_names", "tracking_nos", "created_at",
                "payable_until", "paid_at", "paid_amount", "pay_channel", "transaction_no", "shipped_at",
                "completed_at", "cancelled_at", "cancel_reason", "review_rating", "review_content", "reviewed_at",
                "version", "auto_confirm_at", "review_until", "after_sales_until"),
                o -> o.orderId,
                o -> new Object[]{o.orderId, o.orderNo, o.buyerId, o.shopId, o.orderType, o.status, o.reviewPending,
                        o.refundInProgress, o.openRefundLines, o.refundFinished, o.deletedByBuyer, o.afterSalesClosed,
                        o.goodsAmount, o.shippingFee, o.discountAmount, o.payAmount, o.pointsAmount, o.pointsEarned,
                        o.receiverName, o.receiverPhone, o.receiverProvince, o.receiverCity, o.receiverDistrict,
                        o.receiverAddress, o.receiverZipcode, o.buyerRemark, o.goodsNames, o.trackingNos, o.createdAt,
                        o.payableUntil, o.paidAt, o.paidAmount, o.payChannel, o.transactionNo, o.shippedAt,
                        o.completedAt, o.cancelledAt, o.cancelReason, o.reviewRating, o.reviewContent, o.reviewedAt,
                        o.version, o.autoConfirmAt, o.reviewUntil, o.afterSalesUntil},
                OrderTables::readOrder).prefetching(Prefetch.aggregates(ORDER)));
        // A shipment changes the lines it names: a batch's shipped lines are loaded in one query, not one by one.
        lines = new BatchTable<>(jdbc, Mapping.of("order_line_view", List.of(
                "order_line_id", "order_id", "position", "product_id", "sku_id", "sku_code", "product_name",
                "image_url", "properties", "unit_price", "points_price", "quantity", "line_total", "shipped_quantity",
                "refund_state", "refunded_amount"),
                l -> l.orderLineId,
                l -> new Object[]{l.orderLineId, l.orderId, l.position, l.productId, l.skuId, l.skuCode,
                        l.productName, l.imageUrl, l.properties, l.unitPrice, l.pointsPrice, l.quantity, l.lineTotal,
                        l.shippedQuantity, l.refundState, l.refundedAmount},
                OrderTables::readLine).prefetching(Prefetch.named(OrderShipped.class,
                e -> e.lines().stream().map(ShipmentLine::orderLineId).toList())));
        // Insert-only: a shipment is written once, by the (version-guarded) OrderShipped handler.
        shipments = new BatchTable<>(jdbc, Mapping.of("order_shipment_view", List.of(
                "shipment_id", "order_id", "carrier_code", "carrier_name", "tracking_no", "lines", "shipped_at"),
                s -> s.shipmentId,
                s -> new Object[]{s.shipmentId, s.orderId, s.carrierCode, s.carrierName, s.trackingNo, s.lines,
                        s.shippedAt},
                OrderTables::readShipment));
        // Insert-only, one row per event: a replayed event's row is already there and stays as it is.
        log = new BatchTable<>(jdbc, Mapping.of("order_log_entry", List.of(
                "order_id", "sequence", "at", "actor_role", "actor_id", "action", "message", "status_after",
                "correlation_id"),
                e -> e.orderId + "#" + e.sequence,
                e -> new Object[]{e.orderId, e.sequence, e.at, e.actorRole, e.actorId, e.action, e.message,
                        e.statusAfter, e.correlationId},
                OrderTables::readLogEntry).onConflict("ON CONFLICT DO NOTHING"));
    }

    private static OrderViewEntity readOrder(ResultSet rs) throws SQLException {
        var o = new OrderViewEntity();
        o.orderId = rs.getString("order_id");
        o.orderNo = rs.getString("order_no");
        o.buyerId = rs.getString("buyer_id");
        o.shopId = rs.getString("shop_id");
        o.orderType = rs.getString("order_type");
        o.status = rs.getString("status");
        o.reviewPending = rs.getBoolean("review_pending");
        o.refundInProgress = rs.getBoolean("refund_in_progress");
        o.openRefundLines = rs.getInt("open_refund_lines");
        o.refundFinished = rs.getBoolean("refund_finished");
        o.deletedByBuyer = rs.getBoolean("deleted_by_buyer");
        o.afterSalesClosed = rs.getBoolean("after_sales_closed");
        o.goodsAmount = rs.getBigDecimal("goods_amount");
        o.shippingFee = rs.getBigDecimal("shipping_fee");
        o.discountAmount = rs.getBigDecimal("discount_amount");
        o.payAmount = rs.getBigDecimal("pay_amount");
        o.pointsAmount = rs.getLong("points_amount");
        o.pointsEarned = rs.getLong("points_earned");
        o.receiverName = rs.getString("receiver_name");
        o.receiverPhone = rs.getString("receiver_phone");
        o.receiverProvince = rs.getString("receiver_province");
        o.receiverCity = rs.getString("receiver_city");
        o.receiverDistrict = rs.getString("receiver_district");
        o.receiverAddress = rs.getString("receiver_address");
        o.receiverZipcode = rs.getString("receiver_zipcode");
        o.buyerRemark = rs.getString("buyer_remark");
        o.goodsNames = rs.getString("goods_names");
        o.trackingNos = rs.getString("tracking_nos");
        o.createdAt = instant(rs, "created_at");
        o.payableUntil = instant(rs, "payable_until");
        o.paidAt = instant(rs, "paid_at");
        o.paidAmount = rs.getBigDecimal("paid_amount");
        o.payChannel = rs.getString("pay_channel");
        o.transactionNo = rs.getString("transaction_no");
        o.shippedAt = instant(rs, "shipped_at");
        o.completedAt = instant(rs, "completed_at");
        o.cancelledAt = instant(rs, "cancelled_at");
        o.cancelReason = rs.getString("cancel_reason");
        o.reviewRating = rs.getObject("review_rating", Integer.class);
        o.reviewContent = rs.getString("review_content");
        o.reviewedAt = instant(rs, "reviewed_at");
        o.version = rs.getLong("version");
        o.autoConfirmAt = instant(rs, "auto_confirm_at");
        o.reviewUntil = instant(rs, "review_until");
        o.afterSalesUntil = instant(rs, "after_sales_until");
        return o;
    }

    private static OrderLineEntity readLine(ResultSet rs) throws SQLException {
        var l = new OrderLineEntity();
        l.orderLineId = rs.getString("order_line_id");
        l.orderId = rs.getString("order_id");
        l.position = rs.getInt("position");
        l.productId = rs.getString("product_id");
        l.skuId = rs.getString("sku_id");
        l.skuCode = rs.getString("sku_code");
        l.productName = rs.getString("product_name");
        l.imageUrl = rs.getString("image_url");
        l.properties = rs.getString("properties");
        l.unitPrice = rs.getBigDecimal("unit_price");
        l.pointsPrice = rs.getObject("points_price", Long.class);
        l.quantity = rs.getInt("quantity");
        l.lineTotal = rs.getBigDecimal("line_total");
        l.shippedQuantity = rs.getInt("shipped_quantity");
        l.refundState = rs.getString("refund_state");
        l.refundedAmount = rs.getBigDecimal("refunded_amount");
        return l;
    }

    private static ShipmentEntity readShipment(ResultSet rs) throws SQLException {
        var s = new ShipmentEntity();
        s.shipmentId = rs.getString("shipment_id");
        s.orderId = rs.getString("order_id");
        s.carrierCode = rs.getString("carrier_code");
        s.carrierName = rs.getString("carrier_name");
        s.trackingNo = rs.getString("tracking_no");
        s.lines = rs.getString("lines");
        s.shippedAt = instant(rs, "shipped_at");
        return s;
    }

    private static OrderLogEntity readLogEntry(ResultSet rs) throws SQLException {
        var e = new OrderLogEntity();
        e.orderId = rs.getString("order_id");
        e.sequence = rs.getLong("sequence");
        e.at = instant(rs, "at");
        e.actorRole = rs.getString("actor_role");
        e.actorId = rs.getString("actor_id");
        e.action = rs.getString("action");
        e.message = rs.getString("message");
        e.statusAfter = rs.getString("status_after");
        e.correlationId = rs.getString("correlation_id");
        return e;
    }
}
