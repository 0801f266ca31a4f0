package io.ordersvc.query.order;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.order.OrderEvent.PriceAdjusted;
import io.ordersvc.platform.privacy.PersonalDataVault;
import io.ordersvc.shared.privacy.PersonalData;
import io.ordersvc.shared.order.OrderEvent.ReceiverChanged;
import io.ordersvc.shared.order.OrderEvent.ReceiptExtended;
import io.ordersvc.shared.order.OrderEvent.SellerRemarkSet;
import io.ordersvc.shared.order.OrderEvent.WaybillPrintMarked;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LatePaymentReceived;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
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
import io.ordersvc.shared.order.OrderViews.InvoiceView;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.StockReleaseCorrected;
import io.ordersvc.shared.order.LineRefundState;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.ShipmentLine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * order_view, order_line_view and order_shipment_view. Each row remembers the event sequence number it reflects;
 * an event at or below it (a replay, a redelivery) changes nothing.
 */
@Component
@ProcessingGroup(OrderProjection.GROUP)
public class OrderProjection {

    private static final tools.jackson.core.type.TypeReference<InvoiceView> INVOICE =
            new tools.jackson.core.type.TypeReference<>() {
            };

    public static final String GROUP = ProcessingGroups.ORDERS;

    private final io.ordersvc.query.support.Rows<OrderViewEntity> orders;
    private final io.ordersvc.query.support.Rows<OrderLineEntity> lines;
    private final io.ordersvc.query.support.Rows<ShipmentEntity> shipments;
    private final io.ordersvc.query.support.Rows<OrderHistoryEntity> history;
    private final io.ordersvc.query.support.Rows<ReceiverTokenEntity> tokens;
    private final io.ordersvc.query.support.Rows<OrderSearchEntity> search;
    private final OrderCounts counters;
    private final PersonalDataVault vault;

    OrderProjection(OrderTables tables, OrderCounts counters, PersonalDataVault vault) {
        this.vault = vault;
        this.orders = tables.orders;
        this.lines = tables.lines;
        this.shipments = tables.shipments;
        this.history = tables.history;
        this.tokens = tables.tokens;
        this.search = tables.search;
        this.counters = counters;
    }

    @EventHandler
    void on(OrderPlaced e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (orders.find(e.orderId()).isPresent()) {
            return;
        }
        var o = new OrderViewEntity();
        o.orderId = e.orderId();
        o.orderNo = e.orderNo();
        o.buyerId = e.buyerId();
        o.shopId = e.shopId();
        o.orderType = e.orderType().value();
        o.status = OrderStatus.PENDING_PAYMENT.value();
        o.goodsAmount = e.goodsAmount().amount();
        o.shippingFee = e.shippingFee().amount();
        o.discountAmount = e.discountAmount().amount();
        o.payAmount = e.payAmount().amount();
        o.pointsAmount = e.pointsAmount();
        o.pointsEarned = e.pointsEarned();
        o.payNo = e.payNo();
        o.price = JsonText.write(e.price());
        o.invoice = e.invoice() == null ? null : JsonText.write(InvoiceView.asked(e.invoice()));
        tokens.insert(ReceiverTokenEntity.of(o.orderId, receiver(o, e.receiver())));
        o.buyerRemark = e.buyerRemark();
        search.insert(OrderSearchEntity.of(o, e.lines().stream()
                .map(l -> l.productName().toLowerCase(Locale.ROOT)).distinct().collect(Collectors.joining("\n"))));
        o.createdAt = e.createdAt();
        o.payableUntil = e.payableUntil();
        o.version = sequence;
        orders.insert(o);
        counters.placed(o);
        int position = 0;
        for (OrderLine l : e.lines()) {
            var line = new OrderLineEntity();
            line.orderLineId = l.lineId();
            line.orderId = e.orderId();
            line.position = position++;
            line.productId = l.productId();
            line.skuId = l.skuId();
            line.skuCode = l.skuCode();
            line.productName = l.productName();
            line.imageUrl = l.imageUrl();
            line.properties = JsonText.write(l.properties());
            line.unitPrice = l.unitPrice().amount();
            line.pointsPrice = l.pointsPrice();
            line.quantity = l.quantity();
            line.lineTotal = l.lineTotal().amount();
            line.shippedQuantity = 0;
            line.refundState = LineRefundState.NONE.value();
            line.refundedAmount = BigDecimal.ZERO.setScale(2);
            line.lineType = l.lineType().value();
            line.memberPrice = l.memberPrice().amount();
            line.discountShare = l.discountShare().amount();
            line.paidAmount = l.paidAmount().amount();
            line.promotionId = l.promotionId();
            lines.insert(line);
        }
    }

    @EventHandler
    void on(OrderPaid e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.status = OrderStatus.TO_SHIP.value();
            o.paidAt = e.paidAt();
            o.paidAmount = e.amount().amount();
            o.payChannel = e.channel();
            o.transactionNo = e.transactionNo();
        });
    }

    @EventHandler
    void on(OrderShipped e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            var s = new ShipmentEntity();
            s.shipmentId = e.shipmentId();
            s.orderId = e.orderId();
            s.carrierCode = e.carrierCode();
            s.carrierName = e.carrierName();
            s.trackingNo = e.trackingNo();
            s.lines = JsonText.write(e.lines());
            s.shippedAt = e.shippedAt();
            shipments.insert(s);
            for (ShipmentLine sl : e.lines()) {
                lines.find(sl.orderLineId()).ifPresent(l -> {
                    l.shippedQuantity += sl.quantity();
                    lines.changed(l);
                });
            }
            if (e.fullyShipped()) {
                o.status = OrderStatus.SHIPPED.value();
                o.shippedAt = e.shippedAt();
                o.autoConfirmAt = e.autoConfirmAt();
            }
        });
    }

    @EventHandler
    void on(OrderReceiptConfirmed e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.status = OrderStatus.COMPLETED.value();
            o.completedAt = e.confirmedAt();
            o.reviewPending = true;
            o.reviewUntil = e.reviewUntil();
            o.afterSalesUntil = e.afterSalesUntil();
        });
    }

    @EventHandler
    void on(OrderCancelled e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.status = OrderStatus.CANCELLED.value();
            o.cancelledAt = e.cancelledAt();
            o.cancelReason = e.reason();
        });
    }

    @EventHandler
    void on(InvoiceIssued e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.invoice = JsonText.write(JsonText.read(o.invoice, INVOICE)
                .issued(e.invoiceNo(), e.url(), e.issuedAt())));
    }

    @EventHandler
    void on(OrderReviewed e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.reviewPending = false;
            o.reviewRating = e.rating();
            o.reviewContent = e.content();
            o.reviewedAt = e.reviewedAt();
        });
    }

    /** A buyer may hide an order after it was archived too: then its history row says so. */
    @EventHandler
    void on(OrderDeletedByBuyer e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (orders.find(e.orderId()).isEmpty()) {
            history.find(e.orderId()).ifPresent(h -> {
                h.deletedByBuyer = true;
                history.changed(h);
            });
            return;
        }
        update(e.orderId(), sequence, at, o -> o.deletedByBuyer = true);
    }

    @EventHandler
    void on(ReviewWindowClosed e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.reviewPending = false);
    }

    @EventHandler
    void on(AfterSalesWindowClosed e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.afterSalesClosed = true);
    }

    /** Nothing on the order changes, but its version does: read-your-writes waits on it. */
    @EventHandler
    void on(LatePaymentReceived e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
        });
    }

    /** Nothing on the order changes, but its version does. */
    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.PaymentRefused e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
        });
    }

    // ---- after-sales bookkeeping

    @EventHandler
    void on(RefundOpened e, @SequenceNumber long sequence, @Timestamp Instant at) {
        refundLine(e.orderId(), e.orderLineId(), sequence, at, (o, l) -> l.refundState = LineRefundState.APPLYING.value());
    }

    @EventHandler
    void on(RefundAwaitingReturn e, @SequenceNumber long sequence, @Timestamp Instant at) {
        refundLine(e.orderId(), e.orderLineId(), sequence, at, (o, l) -> l.refundState = LineRefundState.REFUNDING.value());
    }

    @EventHandler
    void on(RefundEnded e, @SequenceNumber long sequence, @Timestamp Instant at) {
        refundLine(e.orderId(), e.orderLineId(), sequence, at, (o, l) -> {
            l.refundState = LineRefundState.afterEnding(e.outcome(), l.refundedAmount.signum() > 0).value();
            resumeAutoConfirm(o, e.autoConfirmAt());
        });
    }

    @EventHandler
    void on(LineRefunded e, @SequenceNumber long sequence, @Timestamp Instant at) {
        refundLine(e.orderId(), e.orderLineId(), sequence, at, (o, l) -> {
            l.refundedAmount = e.lineRefundedTotal().amount();
            l.refundState = LineRefundState.SUCCEEDED.value();
            o.status = e.statusAfter().value();
            o.refundFinished = true;
            resumeAutoConfirm(o, e.autoConfirmAt());
        });
    }

    /** The order's books changed, not what it shows; its version moves for read-your-writes. */
    @EventHandler
    void on(StockReleaseCorrected e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
        });
    }

    @EventHandler
    void on(OrderClosed e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.status = OrderStatus.CLOSED.value());
    }

    /**
     * Nothing more can happen to the order: cancelled, closed, or completed with its after-sales window shut and no
     * refund open.
     */
    static boolean finished(OrderViewEntity o) {
        OrderStatus status = OrderStatus.fromValue(o.status);
        return status == OrderStatus.CANCELLED || status == OrderStatus.CLOSED
                || status == OrderStatus.COMPLETED && o.afterSalesClosed && !o.refundInProgress;
    }

    /** The last open refund closed: the order's automatic receipt is due again when the order says. */
    private static void resumeAutoConfirm(OrderViewEntity o, Instant due) {
        if (due != null) {
            o.autoConfirmAt = due;
        }
    }

    /** 改价: the order's amounts and price, and each line's share of the change. */
    @EventHandler
    void on(PriceAdjusted e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            priced(o, e.price());
            e.lineShares().forEach((lineId, share) -> lines.find(lineId).ifPresent(l -> {
                l.discountShare = l.discountShare.add(share.amount());
                l.paidAmount = l.paidAmount.subtract(share.amount());
                lines.changed(l);
            }));
        });
    }

    /** A new receiver: the address, and an unpaid order's price with the new region's shipping. */
    @EventHandler
    void on(ReceiverChanged e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            Long[] searched = receiver(o, e.receiver());
            tokens.find(o.orderId).ifPresentOrElse(t -> {
                t.tokens = searched;
                tokens.changed(t);
            }, () -> tokens.insert(ReceiverTokenEntity.of(o.orderId, searched)));
            priced(o, e.price());
        });
    }

    /** The receiver, its name, phone and street address sealed with the buyer's key: its search tokens. */
    private Long[] receiver(OrderViewEntity o, io.ordersvc.shared.order.Receiver r) {
        o.receiverRegionCode = r.regionCode();
        o.receiverName = vault.seal(o.buyerId, r.name());
        o.receiverPhone = vault.seal(o.buyerId, r.phone());
        // An erased buyer's values seal to "[erased]", and have no tokens.
        Long[] searched = vault.searchTokens(PersonalData.ERASED.equals(o.receiverName) ? null : r.name(),
                PersonalData.ERASED.equals(o.receiverPhone) ? null : r.phone());
        o.receiverProvince = r.province();
        o.receiverCity = r.city();
        o.receiverDistrict = r.district();
        o.receiverAddress = vault.seal(o.buyerId, r.address());
        o.receiverZipcode = r.zipcode();
        return searched;
    }

    /** The order's amounts from its price as it is now (an adjustment, a new receiver). */
    private static void priced(OrderViewEntity o, io.ordersvc.shared.checkout.PriceBreakdown price) {
        o.price = JsonText.write(price);
        o.payAmount = price.payAmount().amount();
        o.shippingFee = price.shippingFee().amount();
        o.discountAmount = price.discountAmount().amount();
        o.pointsEarned = price.pointsEarned();
    }

    @EventHandler
    void on(WaybillPrintMarked e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.printed = e.printed());
    }

    @EventHandler
    void on(SellerRemarkSet e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.sellerRemark = e.remark();
            o.sellerFlag = e.flag() == null ? null : e.flag().value();
            o.sellerRemarkAt = e.at();
        });
    }

    @EventHandler
    void on(ReceiptExtended e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.receiptExtended = true;
            o.autoConfirmAt = e.autoConfirmAt();
        });
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.OrderJoinedGroup e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.groupId = e.groupId();
            o.groupBuyId = e.groupBuyId();
            o.groupStatus = io.ordersvc.shared.groupbuy.GroupStatus.FORMING.value();
        });
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.OrderGroupSettled e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.groupStatus = e.outcome().value());
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketsOrdered e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> o.ticketOrder = true);
    }

    /** E-tickets are delivered as their codes: the order is shipped. */
    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketsIssued e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.status = OrderStatus.SHIPPED.value();
            o.shippedAt = e.issuedAt();
            o.ticketsUnused = e.tickets().size();
        });
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketRedeemed e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.ticketsUnused--;
            o.ticketsUsed++;
        });
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketsExpired e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.ticketsUnused -= e.codes().size();
            o.ticketsExpired += e.codes().size();
        });
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketRefunded e, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(e.orderId(), sequence, at, o -> {
            o.ticketsUnused--;
            o.ticketsRefunded++;
        });
    }

    @ResetHandler
    void reset() {
        history.deleteAll();
        tokens.deleteAll();
        search.deleteAll();
        shipments.deleteAll();
        lines.deleteAll();
        orders.deleteAll();
        counters.reset();
    }

    /**
     * Changes the order's row for an event newer than it, counts the difference, and notes when the order finished
     * (at the event's time): from then on nothing but a buyer hiding it can change it, and it is archived once
     * ORDERS_ARCHIVE_AFTER has passed.
     */
    private void update(String orderId, long sequence, Instant at, Consumer<OrderViewEntity> change) {
        orders.find(orderId).filter(o -> o.version < sequence).ifPresent(o -> {
            String status = o.status;
            boolean reviewPending = o.reviewPending;
            boolean refundInProgress = o.refundInProgress;
            boolean printed = o.printed;
            change.accept(o);
            o.finishedAt = !finished(o) ? null : o.finishedAt != null ? o.finishedAt : at;
            o.version = sequence;
            orders.changed(o);
            counters.changed(status, reviewPending, refundInProgress, printed, o);
        });
    }

    /**
     * Refund events: a line's refund state moves, and the order counts its lines with an open refund (applying or
     * awaiting goods); the refund flag is that count above zero. No query over the lines, so no flush mid-batch.
     */
    private void refundLine(String orderId, String lineId, long sequence, Instant at,
                            BiConsumer<OrderViewEntity, OrderLineEntity> change) {
        update(orderId, sequence, at, o -> lines.find(lineId).ifPresent(l -> {
            boolean wasOpen = LineRefundState.fromValue(l.refundState).open();
            change.accept(o, l);
            lines.changed(l);
            o.openRefundLines += (LineRefundState.fromValue(l.refundState).open() ? 1 : 0) - (wasOpen ? 1 : 0);
            o.refundInProgress = o.openRefundLines > 0;
        }));
    }
}
