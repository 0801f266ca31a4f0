package io.ordersvc.query.order;

import io.ordersvc.platform.axon.AuditMetaData;
import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LatePaymentReceived;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.PriceAdjusted;
import io.ordersvc.shared.order.OrderEvent.ReceiptExtended;
import io.ordersvc.shared.order.OrderEvent.SellerRemarkSet;
import io.ordersvc.shared.order.OrderEvent.WaybillPrintMarked;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.RefundAwaitingReturn;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.OrderDeletedByBuyer;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.InvoiceIssued;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.StockReleaseCorrected;
import io.ordersvc.shared.order.OrderLogAction;
import io.ordersvc.shared.order.OrderStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** order_log_entry: who did what to an order and when (seed 001's order_log), one row per event. */
@Component
@ProcessingGroup(OrderProjection.GROUP)
class OrderLogProjection {

    private final io.ordersvc.query.support.Rows<OrderLogEntity> entries;
    private final io.ordersvc.query.support.Rows<OrderViewEntity> orders;

    OrderLogProjection(OrderTables tables) {
        this.entries = tables.log;
        this.orders = tables.orders;
    }

    @EventHandler
    void on(OrderEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetaData.ACTOR_ID) String actorId,
            @MetaDataValue(AuditMetaData.ACTOR_ROLE) String actorRole,
            @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId) {
        if (event instanceof SellerRemarkSet || event instanceof OrderEvent.OrderGroupSeatPaid
                || event instanceof OrderEvent.TicketsOrdered) {
            return; // the shop's private note: the log is the buyer's too; a seat paid: the payment says it
        }
        var entry = new OrderLogEntity();
        entry.orderId = event.orderId();
        entry.sequence = sequence;
        entry.at = at;
        entry.actorId = actorId == null ? "unknown" : actorId;
        entry.actorRole = actorRole == null ? "system" : actorRole;
        entry.correlationId = correlationId;
        // Events that name no status leave it as it is; order_view (same group, same batch, same batch table)
        // holds it, whether its handler has seen this event yet or not. A replayed event's entry is written again
        // and dropped by the table's primary key (ON CONFLICT DO NOTHING).
        OrderStatus previous = orders.find(event.orderId())
                .map(o -> OrderStatus.fromValue(o.status)).orElse(OrderStatus.PENDING_PAYMENT);
        if (event instanceof OrderPlaced e) {
            describe(entry, OrderLogAction.PLACED, "Order " + e.orderNo() + " placed, " + e.lines().size()
                    + " line(s), to pay " + e.payAmount(), OrderStatus.PENDING_PAYMENT);
        } else if (event instanceof OrderPaid e) {
            describe(entry, OrderLogAction.PAID, "Paid " + e.amount() + " via " + e.channel() + " (transaction "
                    + e.transactionNo() + ")", OrderStatus.TO_SHIP);
        } else if (event instanceof OrderShipped e) {
            describe(entry, OrderLogAction.SHIPPED, "Shipped by " + e.carrierName() + ", tracking " + e.trackingNo()
                    + (e.fullyShipped() ? "" : " (partial)"), e.fullyShipped() ? OrderStatus.SHIPPED : previous);
        } else if (event instanceof OrderReceiptConfirmed e) {
            describe(entry, OrderLogAction.RECEIPT_CONFIRMED, e.automatic()
                    ? "Receipt confirmed automatically: the period after the last shipment passed"
                    : "Receipt confirmed", OrderStatus.COMPLETED);
        } else if (event instanceof ReviewWindowClosed) {
            describe(entry, OrderLogAction.REVIEW_WINDOW_CLOSED, "The review period ended without a review", previous);
        } else if (event instanceof AfterSalesWindowClosed) {
            describe(entry, OrderLogAction.AFTER_SALES_WINDOW_CLOSED, "The after-sales period ended", previous);
        } else if (event instanceof OrderCancelled e) {
            describe(entry, OrderLogAction.CANCELLED, "Cancelled: " + e.reason(), OrderStatus.CANCELLED);
        } else if (event instanceof InvoiceIssued e) {
            describe(entry, OrderLogAction.INVOICE_ISSUED, "Invoice " + e.invoiceNo() + " issued", previous);
        } else if (event instanceof OrderReviewed e) {
            describe(entry, OrderLogAction.REVIEWED, "Reviewed with " + e.rating() + " star(s)", previous);
        } else if (event instanceof OrderDeletedByBuyer) {
            describe(entry, OrderLogAction.DELETED_BY_BUYER, "Hidden from the buyer's lists", previous);
        } else if (event instanceof LatePaymentReceived e) {
            describe(entry, OrderLogAction.LATE_PAYMENT, "Payment of " + e.amount() + " via " + e.channel() + " (transaction "
                    + e.transactionNo() + ") arrived after the order expired; to be refunded", previous);
        } else if (event instanceof io.ordersvc.shared.order.OrderEvent.PaymentRefused e) {
            describe(entry, OrderLogAction.PAYMENT_REFUSED, "Payment of " + e.amount() + " via " + e.channel()
                    + " (transaction " + e.transactionNo() + ") could not pay the order (" + e.reason()
                    + "); to be refunded", previous);
        } else if (event instanceof RefundOpened e) {
            describe(entry, OrderLogAction.REFUND_REQUESTED, "Refund of " + e.amount() + " requested on a line (refund "
                    + e.refundId() + ")", previous);
        } else if (event instanceof RefundAwaitingReturn e) {
            describe(entry, OrderLogAction.REFUND_RETURN_REQUESTED, "Return approved; waiting for the goods (refund "
                    + e.refundId() + ")", previous);
        } else if (event instanceof RefundEnded e) {
            describe(entry, OrderLogAction.refundEnded(e.outcome()), "Refund " + e.outcome().value() + " (refund "
                    + e.refundId() + ")", previous);
        } else if (event instanceof LineRefunded e) {
            describe(entry, OrderLogAction.REFUNDED, "Refunded " + e.amount() + " on a line" + (e.releasedQuantity() > 0
                    ? ", " + e.releasedQuantity() + " back in stock" : ""), e.statusAfter());
        } else if (event instanceof OrderClosed) {
            describe(entry, OrderLogAction.CLOSED, "Every line refunded: order closed", OrderStatus.CLOSED);
        } else if (event instanceof StockReleaseCorrected e) {
            describe(entry, OrderLogAction.STOCK_CORRECTED, (e.delta() > 0 ? e.delta() + " unit(s) given back to stock"
                    : -e.delta() + " unit(s) taken back from stock") + ": refund stock correction", previous);
        } else if (event instanceof WaybillPrintMarked e) {
            describe(entry, OrderLogAction.WAYBILL_PRINTED, e.printed() ? "Waybill printed"
                    : "Waybill print mark taken back", previous);
        } else if (event instanceof PriceAdjusted e) {
            describe(entry, OrderLogAction.PRICE_ADJUSTED, "Price adjusted: to pay " + e.price().payAmount()
                    + ", shipping " + e.price().shippingFee() + " (" + e.reason() + ")", previous);
        } else if (event instanceof io.ordersvc.shared.order.OrderEvent.ReceiverChanged e) {
            describe(entry, OrderLogAction.RECEIVER_CHANGED, "Receiver changed" + (e.price().shippingFee() == null
                    ? "" : ", shipping " + e.price().shippingFee() + ", to pay " + e.price().payAmount()), previous);
        } else if (event instanceof ReceiptExtended e) {
            describe(entry, OrderLogAction.RECEIPT_EXTENDED, "Receipt extended: confirmed automatically at "
                    + e.autoConfirmAt(), previous);
        } else if (event instanceof OrderEvent.TicketsIssued e) {
            describe(entry, OrderLogAction.TICKETS_ISSUED, e.tickets().size() + " e-ticket(s) issued", OrderStatus.SHIPPED);
        } else if (event instanceof OrderEvent.TicketRedeemed e) {
            describe(entry, OrderLogAction.TICKET_USED, "E-ticket …" + e.code().substring(e.code().length() - 4)
                    + " used", previous);
        } else if (event instanceof OrderEvent.TicketsExpired e) {
            describe(entry, OrderLogAction.TICKETS_EXPIRED, e.codes().size() + " e-ticket(s) expired unused", previous);
        } else if (event instanceof OrderEvent.TicketRefunded e) {
            describe(entry, OrderLogAction.TICKET_REFUNDED, "E-ticket …" + e.code().substring(e.code().length() - 4)
                    + " given back (refund " + e.refundId() + ")", previous);
        } else if (event instanceof OrderEvent.OrderJoinedGroup e) {
            describe(entry, OrderLogAction.JOINED_GROUP, (e.role() == io.ordersvc.shared.groupbuy.GroupRole.LEADER
                    ? "Opened group " : "Joined group ") + e.groupId() + "; ships once the group is complete", previous);
        } else if (event instanceof OrderEvent.OrderLeftGroup e) {
            describe(entry, OrderLogAction.LEFT_GROUP, "Seat in group " + e.groupId() + " given back", previous);
        } else if (event instanceof OrderEvent.OrderGroupSettled e) {
            boolean formed = e.outcome() == io.ordersvc.shared.groupbuy.GroupStatus.SUCCEEDED;
            describe(entry, formed ? OrderLogAction.GROUP_SUCCEEDED : OrderLogAction.GROUP_FAILED, formed
                    ? "Group " + e.groupId() + " complete" : "Group " + e.groupId()
                    + " failed: an unpaid order is cancelled, a paid one refunded in full", previous);
        } else {
            describe(entry, OrderLogAction.CHANGED, event.getClass().getSimpleName(), previous);
        }
        entries.insert(entry);
    }

    private static void describe(OrderLogEntity entry, OrderLogAction action, String message, OrderStatus after) {
        entry.action = action.value();
        entry.message = message.length() > 1000 ? message.substring(0, 1000) : message;
        entry.statusAfter = after.value();
    }

    @ResetHandler
    void reset() {
        entries.deleteAll();
    }
}
