package io.ordersvc.shared.order;

import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.money.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The order's facts. They carry everything a projection needs, so a replay never looks anything up. */
public sealed interface OrderEvent {

    String orderId();

    /** An event after which the order costs what its price says: the order books and payment follow it. */
    sealed interface Repriced extends OrderEvent {
        io.ordersvc.shared.checkout.PriceBreakdown price();
    }

    /**
     * Revision 2 holds the order's whole price (member, promotion, coupon discounts, shipping, invoice fee, what the
     * buyer's assets pay), each line's discount share and paid amount, the checkout's payNo (every order of one
     * checkout shares it), the invoice asked for and the receiver's region code. Orders stored before read with their
     * one discount and no others (OrderEventUpcasters). Revision 3 added the price's sellerAdjustment (改价; zero at
     * placement, so orders of revision 2 read with zero). Revision 4 stores the receiver's name, phone and street
     * address sealed with the buyer's key ({@link io.ordersvc.shared.privacy.PersonalData}); those of revision 3 are
     * marked as written in clear.
     */
    @Revision("4")
    record OrderPlaced(String orderId, String orderNo, String payNo, String buyerId, String shopId,
                       OrderType orderType, List<OrderLine> lines, Receiver receiver, String buyerRemark,
                       Invoice invoice, PriceBreakdown price, Instant createdAt, Instant payableUntil)
            implements OrderEvent, io.ordersvc.shared.privacy.PersonalData {

        @Override
        public String dataSubject() {
            return buyerId;
        }

        /** An order without discounts, assets or invoice: what placing was before checkout priced orders. */
        public OrderPlaced(String orderId, String orderNo, String buyerId, String shopId, OrderType orderType,
                           List<OrderLine> lines, Receiver receiver, String buyerRemark, Money goodsAmount,
                           Money shippingFee, Money discountAmount, Money payAmount, long pointsAmount,
                           long pointsEarned, Instant createdAt, Instant payableUntil) {
            this(orderId, orderNo, null, buyerId, shopId, orderType, lines, receiver, buyerRemark, null,
                    PriceBreakdown.legacy(goodsAmount, shippingFee, discountAmount, payAmount, pointsAmount,
                            pointsEarned), createdAt, payableUntil);
        }

        public Money goodsAmount() {
            return price.goodsAmount();
        }

        public Money shippingFee() {
            return price.shippingFee();
        }

        public Money discountAmount() {
            return price.discountAmount();
        }

        /** What a payment channel collects. */
        public Money payAmount() {
            return price.payAmount();
        }

        /** A points exchange's price in points. */
        public long pointsAmount() {
            return price.pointsUsed();
        }

        public long pointsEarned() {
            return price.pointsEarned();
        }
    }

    record OrderPaid(String orderId, Money amount, String channel, String transactionNo, Instant paidAt)
            implements OrderEvent {
    }

    /**
     * fullyShipped: with this shipment every line has been shipped, the order is now {@code shipped}, and receipt is
     * confirmed for the buyer at autoConfirmAt (null while lines are left to ship). Revision 2 added autoConfirmAt.
     */
    @Revision("2")
    record OrderShipped(String orderId, String shipmentId, String carrierCode, String carrierName, String trackingNo,
                        List<ShipmentLine> lines, boolean fullyShipped, Instant shippedAt, Instant autoConfirmAt)
            implements OrderEvent {
    }

    /**
     * automatic: the order timer confirmed it, the buyer did not within the period after the last shipment. The order
     * takes a review until reviewUntil and refund applications until afterSalesUntil (revision 2 added both).
     */
    @Revision("2")
    record OrderReceiptConfirmed(String orderId, Instant confirmedAt, boolean automatic, Instant reviewUntil,
                                 Instant afterSalesUntil) implements OrderEvent {
    }

    /** The buyer did not review in time: the order is no longer review_pending and takes no review. */
    record ReviewWindowClosed(String orderId, Instant closedAt) implements OrderEvent {
    }

    /** No more refund applications on this completed order. */
    record AfterSalesWindowClosed(String orderId, Instant closedAt) implements OrderEvent {
    }

    record OrderCancelled(String orderId, String reason, Instant cancelledAt) implements OrderEvent {
    }

    /** Money arrived for an order that had already expired: kept so it can be paid back, never lost. */
    record LatePaymentReceived(String orderId, Money amount, String channel, String transactionNo, Instant receivedAt)
            implements OrderEvent {
    }

    /**
     * Money a channel took for an order it could not pay (the order was paid by another trade, its window closed, or
     * it costs another amount since the request): kept so it is paid back, never lost.
     *
     * @param reason the order's refusal: ORDER_ALREADY_PAID, PAYMENT_WINDOW_CLOSED or AMOUNT_MISMATCH
     */
    record PaymentRefused(String orderId, Money amount, String channel, String transactionNo, String reason,
                          Instant receivedAt) implements OrderEvent {
    }

    record OrderReviewed(String orderId, int rating, String content, Instant reviewedAt) implements OrderEvent {
    }

    /** The invoice the buyer asked for was issued: its number and, when the seller gives one, where to fetch it. */
    record InvoiceIssued(String orderId, String invoiceNo, String url, Instant issuedAt) implements OrderEvent {
    }

    record OrderDeletedByBuyer(String orderId, Instant deletedAt) implements OrderEvent {
    }

    // ---- after-sales bookkeeping on the order (the refund itself lives in its own stream)

    /** A refund was applied for on a line: the line is locked for other applications. */
    record RefundOpened(String orderId, String refundId, String orderLineId, Money amount) implements OrderEvent {
    }

    /** The seller approved a return: the line waits for the goods. */
    record RefundAwaitingReturn(String orderId, String refundId, String orderLineId) implements OrderEvent {
    }

    /**
     * The refund ended without money: outcome refused or cancelled. autoConfirmAt: when this was the last open refund
     * of a shipped order, the automatic receipt it held resumes then (null otherwise; revision 2 added it).
     */
    @Revision("2")
    record RefundEnded(String orderId, String refundId, String orderLineId, RefundOutcome outcome, Instant endedAt,
                       Instant autoConfirmAt) implements OrderEvent {
    }

    /**
     * Money went back on a line. returnedQuantity: shipped units a return brought back (those not returned before);
     * releasedQuantity: units given back to stock, the returned ones plus, when this payout fully refunds the line, its
     * units never shipped. statusAfter: a to_ship order whose unshipped lines are all refunded is shipped.
     * autoConfirmAt: as in {@link RefundEnded}. back: how the amount went back (points, balance, gift card, the
     * channel; {@link PaymentMix}). Revision 2 added returnedQuantity (null in events of before: see
     * OrderEventUpcasters) and autoConfirmAt, revision 3 back (all through the channel before).
     */
    @Revision("3")
    record LineRefunded(String orderId, String refundId, String orderLineId, Money amount, Money lineRefundedTotal,
                        boolean lineFullyRefunded, Integer returnedQuantity, int releasedQuantity,
                        OrderStatus statusAfter, Instant refundedAt, Instant autoConfirmAt, PaymentMix.Share back)
            implements OrderEvent {

        /** A refund paid back through the channel alone. */
        public LineRefunded(String orderId, String refundId, String orderLineId, Money amount,
                            Money lineRefundedTotal, boolean lineFullyRefunded, Integer returnedQuantity,
                            int releasedQuantity, OrderStatus statusAfter, Instant refundedAt, Instant autoConfirmAt) {
            this(orderId, refundId, orderLineId, amount, lineRefundedTotal, lineFullyRefunded, returnedQuantity,
                    releasedQuantity, statusAfter, refundedAt, autoConfirmAt, PaymentMix.Share.channel(amount));
        }
    }

    /**
     * Stock a line had released was corrected: refunds before the fix of session 6 released a returned line's units
     * twice, or never released the unshipped units of a line fully refunded through a return. delta: units given
     * back to stock (negative: taken back), as applied.
     */
    record StockReleaseCorrected(String orderId, String orderLineId, String productId, String skuId, int delta,
                                 Instant correctedAt) implements OrderEvent {
    }

    /** Every line has been fully refunded. */
    record OrderClosed(String orderId, Instant closedAt) implements OrderEvent {
    }

    /** The waybill was marked printed (or the mark taken back) by the shop. */
    record WaybillPrintMarked(String orderId, boolean printed, String markedBy, Instant at) implements OrderEvent {
    }

    /** The shop's private remark and flag; neither shows to the buyer. */
    record SellerRemarkSet(String orderId, String remark, SellerFlag flag, String setBy, Instant at)
            implements OrderEvent {
    }

    /** The buyer extended the receipt: it is confirmed for them at autoConfirmAt now, unless they confirm first. */
    record ReceiptExtended(String orderId, Instant autoConfirmAt, Instant at) implements OrderEvent {
    }

    /**
     * The price of an unpaid order was changed (改价): the order's price from now on, and what the change took off
     * each line's paid amount (negative: added to it), so that the lines still add up to the goods' part of the
     * total and refunds stay bounded by what was really paid.
     */
    record PriceAdjusted(String orderId, io.ordersvc.shared.checkout.PriceBreakdown price,
                         java.util.Map<String, Money> lineShares, String reason, String adjustedBy, Instant at)
            implements Repriced {
    }

    /**
     * The order goes to another receiver. price: the order's price from now on (an unpaid order's shipping fee
     * follows the new region; a paid order's could not change). Revision 2 added buyerId, whose key seals the
     * receiver's name, phone and street address; those of before are marked as written in clear (buyerId null).
     */
    @Revision("2")
    record ReceiverChanged(String orderId, String buyerId, Receiver receiver,
                           io.ordersvc.shared.checkout.PriceBreakdown price, String changedBy, Instant at)
            implements Repriced, io.ordersvc.shared.privacy.PersonalData {

        @Override
        public String dataSubject() {
            return buyerId;
        }
    }

    // ---- group buying: the order's seat in a group (拼团); the group itself is its own stream

    /** The order took a seat in a group at placement: it is shippable only once the group succeeded. */
    record OrderJoinedGroup(String orderId, String groupId, String groupBuyId, io.ordersvc.shared.groupbuy.GroupRole role,
                            int units, Instant at) implements OrderEvent {
    }

    /** The order of a forming group was paid: its seat is paid (the group sweep tells the group). */
    record OrderGroupSeatPaid(String orderId, String groupId, Instant at) implements OrderEvent {
    }

    /** The order no longer holds its seat (cancelled, or refunded when its group failed); its units are free. */
    record OrderLeftGroup(String orderId, String groupId, String groupBuyId, int units, Instant at)
            implements OrderEvent {
    }

    /** The group ended: succeeded (the order may ship) or failed (the order is cancelled or refunded in full). */
    record OrderGroupSettled(String orderId, String groupId, io.ordersvc.shared.groupbuy.GroupStatus outcome,
                             Instant at) implements OrderEvent {
    }

    // ---- e-tickets: the order's own units, delivered as codes (the tickets live in the order's stream)

    /** A line of e-tickets to issue on payment, with its validity (validFrom null: at once). */
    record TicketLine(String orderLineId, String productName, int quantity, Instant validFrom, Instant validUntil) {
    }

    /** The order sells e-tickets (placement): it is never shipped; its tickets are issued when it is paid. */
    record TicketsOrdered(String orderId, List<TicketLine> lines) implements OrderEvent {
    }

    /**
     * Paid: one ticket per unit, delivered (the order is shipped: electronically). expiresAt: the first validity end,
     * when the order timer looks for tickets to expire.
     */
    record TicketsIssued(String orderId, String shopId, String buyerId,
                         List<io.ordersvc.shared.ticket.Ticket> tickets, Instant issuedAt, Instant expiresAt)
            implements OrderEvent {
    }

    /** The shop took the ticket at the door. nextExpiry as in TicketsExpired. */
    record TicketRedeemed(String orderId, String code, String redeemedBy, Instant at, Instant nextExpiry)
            implements OrderEvent {
    }

    /** Tickets whose validity ended unused; nextExpiry: when the next unused one ends (null: none left). */
    record TicketsExpired(String orderId, List<String> codes, Instant at, Instant nextExpiry) implements OrderEvent {
    }

    /** The buyer gave an unused ticket back: refundId pays back what it cost. nextExpiry as in TicketsExpired. */
    record TicketRefunded(String orderId, String code, String refundId, Instant at, Instant nextExpiry)
            implements OrderEvent {
    }
}
