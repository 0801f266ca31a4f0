package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersvc.shared.checkout.LineType;
import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response records of the order queries (snake_case on the wire). */
public final class OrderViews {

    private OrderViews() {
    }

    /** shopName, shopServicePhone: from the shop's profile, null while it has none. */
    public record OrderDetail(String orderId, String orderNo, OrderStatus status, OrderType orderType, String buyerId,
                              String shopId, String shopName, String shopServicePhone, boolean reviewPending, boolean refundInProgress, boolean deletedByBuyer,
                              Money goodsAmount, Money shippingFee, Money discountAmount, Money payAmount,
                              long pointsAmount, long pointsEarned, Receiver receiver, String buyerRemark,
                              Instant createdAt, Instant payableUntil, @JsonInclude(JsonInclude.Include.NON_NULL) Payment payment, Instant shippedAt,
                              Instant completedAt, Instant cancelledAt, String cancelReason, @JsonInclude(JsonInclude.Include.NON_NULL) Review review,
                              List<LineView> lines, List<ShipmentView> shipments, List<RefundQuery.RefundSummary> refunds,
                              List<LogEntry> log, Actions actions, List<Timer> timers, PriceBreakdown price,
                              String payNo, @JsonInclude(JsonInclude.Include.NON_NULL) InvoiceView invoice,
                              boolean printed, boolean receiptExtended, Instant autoConfirmAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) SellerRemark sellerRemark, long version,
                              @JsonInclude(JsonInclude.Include.NON_NULL) io.ordersvc.shared.groupbuy.GroupRef group,
                              @JsonInclude(JsonInclude.Include.NON_NULL)
                              io.ordersvc.shared.ticket.TicketQuery.TicketCounts tickets) {
    }

    /** The invoice the buyer asked for, and once the seller issued it its number, link and time. */
    public record InvoiceView(Invoice.Type type, String title, String taxNumber, String invoiceNo, String url,
                              Instant issuedAt) {

        public static InvoiceView asked(Invoice invoice) {
            return new InvoiceView(invoice.type(), invoice.title(), invoice.taxNumber(), null, null, null);
        }

        public InvoiceView issued(String no, String link, Instant at) {
            return new InvoiceView(type, title, taxNumber, no, link, at);
        }
    }

    /** A deadline the system will act on: payment_timeout (the order is cancelled if unpaid by then). */
    public record Timer(TimerType type, Instant dueAt) {
    }

    public record OrderSummary(String orderId, String orderNo, OrderStatus status, OrderType orderType,
                               String buyerId, String shopId, String shopName, String shopServicePhone,
                               boolean reviewPending, boolean refundInProgress,
                               Money goodsAmount, Money shippingFee, Money discountAmount, Money payAmount,
                               long pointsAmount, String receiverName, String receiverPhone, Instant createdAt,
                               Instant payableUntil, List<LineView> lines, String payNo, boolean printed,
                               @JsonInclude(JsonInclude.Include.NON_NULL) SellerRemark sellerRemark, long version,
                               @JsonInclude(JsonInclude.Include.NON_NULL) io.ordersvc.shared.groupbuy.GroupRef group,
                               @JsonInclude(JsonInclude.Include.NON_NULL)
                               io.ordersvc.shared.ticket.TicketQuery.TicketCounts tickets) {
    }

    /** The shop's private remark and flag: shown to the shop and admins only, never to the buyer. */
    public record SellerRemark(String remark, SellerFlag flag, Instant at) {
    }

    public record LineView(String orderLineId, String productId, String skuId, String skuCode, String productName,
                           String imageUrl, Map<String, String> properties, Money unitPrice, Long pointsPrice,
                           int quantity, Money lineTotal, int shippedQuantity, LineRefundState refundState,
                           Money refundedAmount, LineType lineType, Money memberPrice, Money discountShare,
                           Money paidAmount, String promotionId) {
    }

    /**
     * @param delivered   the carrier reported the parcel delivered
     * @param latestTrace the carrier's latest word on the parcel, when it sent any
     * @param trackingUrl the carrier's tracking page, from the configured template of its carrier code
     */
    public record ShipmentView(String shipmentId, String carrierCode, String carrierName, String trackingNo,
                               List<ShipmentLine> lines, Instant shippedAt, boolean delivered,
                               @JsonInclude(JsonInclude.Include.NON_NULL) io.ordersvc.shared.logistics.Trace latestTrace,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String trackingUrl) {
    }

    /** GET /orders/{id}/shipments/{shipment_id}/tracking: the parcel, its link and every trace, oldest first. */
    public record TrackingView(String shipmentId, String carrierCode, String carrierName, String trackingNo,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String url, boolean delivered,
                               List<io.ordersvc.shared.logistics.Trace> traces) {
    }

    public record Payment(Money amount, String channel, String transactionNo, Instant paidAt) {
    }

    public record Review(int rating, String content, Instant reviewedAt) {
    }

    public record LogEntry(Instant at, String actorRole, String actorId, String action, String message,
                           OrderStatus statusAfter) {
    }

    public record Actions(boolean canPay, boolean canCancel, boolean canShip, boolean canConfirmReceipt,
                          boolean canReview, boolean canApplyRefund, boolean canDelete, boolean canExtendReceipt) {

        /** Nothing: an order as it was in the past can no longer be acted on. */
        public static final Actions NONE = new Actions(false, false, false, false, false, false, false, false);
    }

    /**
     * One page of GET /orders, newest first. {@code total} is exact when {@code totalExact}; a search matching more
     * orders than the service counts (orders.list.count-cap, 10,000 by default) reports at least that many, with
     * {@code totalExact} false, instead of counting them all on every page.
     */
    public record OrderPage(List<OrderSummary> items, int page, int size, long total, int totalPages,
                            boolean totalExact) {

        public static OrderPage of(List<OrderSummary> items, int page, int size, long total, boolean totalExact) {
            return new OrderPage(items, page, size, total, (int) ((total + size - 1) / size), totalExact);
        }
    }

    public record OrderLogView(List<LogEntry> entries) {
    }

    /** An archived order as its history lists it (seed 002's order history). */
    public record ArchivedOrder(String orderId, String orderNo, OrderStatus status, String shopId, Instant createdAt,
                                Money payAmount, String channel, List<String> goodsNames, Instant finishedAt) {
    }

    /** One page of GET /orders/history, newest first; {@code total} counted up to the list's cap, as GET /orders. */
    public record HistoryPage(List<ArchivedOrder> items, int page, int size, long total, int totalPages,
                              boolean totalExact) {

        public static HistoryPage of(List<ArchivedOrder> items, int page, int size, long total, boolean totalExact) {
            return new HistoryPage(items, page, size, total, (int) ((total + size - 1) / size), totalExact);
        }
    }

    public record StatusCounts(long all, long pendingPayment, long toShip, long shipped, long completed,
                               long reviewPending, long cancelled, long closed, long refundInProgress,
                               long notPrinted) {
    }

    /**
     * One stored event: its payload as the service reads it today (upcast to the current revision, snake_case like
     * every response) and revision, the revision it was stored with ("1" for events stored before revisions).
     */
    public record HistoryEntry(long sequence, String type, String revision, Instant at, Object payload,
                               Map<String, Object> metadata) {
    }

    public record OrderHistoryView(List<HistoryEntry> events) {
    }
}
