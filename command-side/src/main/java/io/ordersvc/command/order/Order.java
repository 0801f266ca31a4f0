package io.ordersvc.command.order;

import io.ordersvc.command.support.AggregateCaches;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.*;
import io.ordersvc.shared.order.OrderEvent.*;
import io.ordersvc.shared.order.OrderRules;
import io.ordersvc.shared.order.OrderRules.Action;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.order.SellerFlag;
import io.ordersvc.shared.order.ShipmentLine;
import io.ordersvc.shared.order.TimerType;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ordersvc.command.support.Guards.requireRole;
import static io.ordersvc.shared.order.OrderStatus.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One order's lifecycle. Placement and cancellation also move stock, so {@link OrderPlacement} drives them
 * together with the Product aggregates in one unit of work; every other command is handled here.
 * A caller who may not see the order gets 404 (ORDER_NOT_FOUND) before any other rule is checked.
 */
@Aggregate(cache = AggregateCaches.ORDERS)
@FeatureApi // the refund feature keeps the order's after-sales books in its own unit of work
public class Order {

    @AggregateIdentifier
    private String orderId;
    private String orderNo;
    private Instant afterSalesUntil;
    private String buyerId;
    private String shopId;
    private OrderStatus status;
    private Instant payableUntil;
    @AggregateMember
    private final OrderPayment money = new OrderPayment();
    @AggregateMember
    private final OrderLines lines = new OrderLines();
    @AggregateMember
    private final OrderGroup group = new OrderGroup();
    @AggregateMember
    private final OrderTickets tickets = new OrderTickets();
    @AggregateMember
    private final OrderAfterSales afterSales = new OrderAfterSales(lines);
    private boolean reviewed;
    private boolean deleted;
    private String cancelReason;
    private boolean invoiceAsked;
    private String invoiceNo;
    private boolean reviewWindowClosed;
    private boolean afterSalesClosed;
    /** The shop marked the waybill printed. */
    private boolean printed;
    /** The shop's remark and flag as last set (setting the same again changes nothing). */
    private String sellerRemark;
    private SellerFlag sellerFlag;
    /** The buyer extended the receipt (once per order). */
    private boolean receiptExtended;
    /** What the order costs now (a price adjustment changes it), and what it cost when placed. */
    private PriceBreakdown price;
    private Money placedTotal;
    private boolean pointsExchange;
    private io.ordersvc.shared.order.Receiver receiver;
    private String payNo;

    /** The reason the order timer writes when the payment window closes: the timer's own name. */
    public static final String PAYMENT_TIMEOUT = TimerType.PAYMENT_TIMEOUT.value();

    protected Order() {
    }

    Order(OrderPlaced placed) {
        apply(placed);
    }

    /** An order placed with more of its facts: a seat in a group (拼团), the e-tickets it sells. */
    Order(OrderPlaced placed, List<io.ordersvc.shared.order.OrderEvent> with) {
        apply(placed);
        with.forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    public PayAck handle(PayOrder cmd, Clock clock, TicketCodes codes) {
        OrderRules.requireAccess(Action.PAY, facts(), cmd.actor());
        if (status == CANCELLED && PAYMENT_TIMEOUT.equals(cancelReason)) {
            // Too late: keep the money on record so it is paid back, and answer with the cancelled order.
            money.late(cmd, clock.instant());
            return new PayAck(orderId, status, AggregateLifecycle.getVersion(), null);
        }
        if (!money.alreadyTaken(cmd)) { // taken before: the gateway reported it again, answer with the order as it is
            require(Action.PAY, cmd.actor(), clock);
            paid(cmd, clock.instant(), codes);
        }
        return new PayAck(orderId, status, AggregateLifecycle.getVersion(), money.payment());
    }

    /** What a payment request asks for this order now: its pay amount while it may be paid, else nothing. */
    public java.util.Optional<Money> owed(Instant now) {
        return OrderRules.refusal(Action.PAY, facts(), Actor.system("payment"), now) == null
                ? java.util.Optional.of(money.payAmount()) : java.util.Optional.empty();
    }

    /**
     * Money a channel took for this order: pays it when it may be paid and still costs exactly that; otherwise the
     * money is kept on record to be paid back (late for a cancelled order, refused for any other reason).
     *
     * @return null when the money paid the order (now or by this transaction before); else the refusal's code
     */
    public String settle(PaymentChannel channel, String tradeNo, Money amount, Instant now, TicketCodes codes) {
        PayOrder pay = new PayOrder(orderId, Actor.system(channel.value()), amount, channel, tradeNo);
        if (money.alreadyTaken(pay)) {
            return null;
        }
        if (status == CANCELLED) {
            money.late(pay, now);
            return "ORDER_NOT_PAYABLE";
        }
        Refusal refusal = OrderRules.refusal(Action.PAY, facts(), pay.actor(), now);
        String reason = refusal != null ? refusal.code()
                : amount.compareTo(money.payAmount()) != 0 ? "AMOUNT_MISMATCH" : null;
        if (reason == null) {
            paid(pay, now, codes);
        } else {
            money.refused(pay, reason, now);
        }
        return reason;
    }

    /** The money is taken: a group's seat is paid, e-tickets are issued (the order is delivered as codes). */
    private void paid(PayOrder pay, Instant now, TicketCodes codes) {
        money.take(pay, now);
        group.paid(now);
        tickets.issue(shopId, buyerId, lines::paid, codes, now);
    }

    // ---- e-tickets

    /**
     * The shop takes a ticket at the door; the order completes when its last ticket is settled.
     *
     * @throws Refusal 404 TICKET_NOT_FOUND (another shop's, or none), 403 (not the shop), 409 the ticket's state
     */
    public OrderAck redeemTicket(String code, Actor actor, Instant now, OrderSettings settings) {
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(shopId))) {
            throw actor.isBuyer(buyerId) ? Refusal.forbidden("the shop redeems tickets") : Refusal.ticketNotFound(code);
        }
        tickets.redeem(code, actor.id(), now);
        completeIfSettled(now, settings);
        return ack();
    }

    /** What refunding an unused ticket gives back, and on which line: the buyer's (or an admin's) ticket only. */
    public record TicketRefund(String orderLineId, Money amount) {
    }

    public TicketRefund ticketRefund(String code, Actor actor, Instant now) {
        if (!(actor.is(Role.ADMIN) || actor.isBuyer(buyerId))) {
            throw actor.isSellerOf(shopId) ? Refusal.forbidden("the buyer gives a ticket back")
                    : Refusal.ticketNotFound(code);
        }
        io.ordersvc.shared.ticket.Ticket ticket = tickets.refundable(code, now);
        return new TicketRefund(ticket.orderLineId(), ticket.amount());
    }

    /** The ticket's refund is open (and approved): the ticket is void. */
    public void ticketRefunded(String code, String refundId, Instant now) {
        tickets.refunded(code, refundId, now);
    }

    /** After a ticket's money went back: an order whose tickets are all settled now completes (unless closed). */
    public void completeIfSettled(Instant now, OrderSettings settings) {
        if (status == SHIPPED && tickets.allSettled()) {
            received(true, now, settings);
        }
    }

    @CommandHandler
    public OrderAck handle(io.ordersvc.shared.ticket.TicketCommand.ExpireTickets cmd, Clock clock,
                           OrderSettings settings) {
        requireRole(cmd.actor(), Role.SYSTEM);
        tickets.expire(clock.instant());
        completeIfSettled(clock.instant(), settings);
        return ack();
    }

    @CommandHandler
    public OrderAck handle(ShipOrder cmd, Clock clock, OrderSettings settings) {
        require(Action.SHIP, cmd.actor(), clock);
        List<ShipmentLine> shipping = lines.shipment(cmd.lines());
        boolean all = lines.allShippedWith(shipping);
        Instant now = clock.instant();
        apply(new OrderShipped(orderId, cmd.shipmentId(), cmd.carrierCode(), cmd.carrierName(), cmd.trackingNo(),
                shipping, all, now, all ? now.plus(settings.timers().autoConfirmAfter()) : null));
        return ack();
    }

    @CommandHandler
    public OrderAck handle(ConfirmReceipt cmd, Clock clock, OrderSettings settings) {
        require(Action.CONFIRM_RECEIPT, cmd.actor(), clock);
        return received(false, clock.instant(), settings);
    }

    // ---- the order timers' commands (actor: the system)

    @CommandHandler
    public OrderAck handle(AutoConfirmReceipt cmd, Clock clock, OrderSettings settings) {
        require(Action.AUTO_CONFIRM, cmd.actor(), clock);
        return received(true, clock.instant(), settings);
    }

    /** Completed: the review and after-sales windows start now, their ends are facts of the event. */
    private OrderAck received(boolean automatic, Instant now, OrderSettings settings) {
        apply(new OrderReceiptConfirmed(orderId, now, automatic, now.plus(settings.timers().reviewWindow()),
                now.plus(settings.afterSalesWindow())));
        return ack();
    }

    @CommandHandler
    public OrderAck handle(CloseReviewWindow cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        if (status == COMPLETED && !reviewed && !reviewWindowClosed) {
            apply(new ReviewWindowClosed(orderId, clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public OrderAck handle(CloseAfterSalesWindow cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        if (!afterSalesClosed && status == COMPLETED) {
            apply(new AfterSalesWindowClosed(orderId, clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public OrderAck handle(ReviewOrder cmd, Clock clock) {
        require(Action.REVIEW, cmd.actor(), clock);
        if (cmd.rating() < 1 || cmd.rating() > 5) {
            throw Refusal.unprocessable("INVALID_RATING", "rating is 1 to 5");
        }
        apply(new OrderReviewed(orderId, cmd.rating(), cmd.content(), clock.instant()));
        return ack();
    }

    @CommandHandler
    public OrderAck handle(IssueInvoice cmd, Clock clock) {
        require(Action.ISSUE_INVOICE, cmd.actor(), clock);
        if (!invoiceAsked) {
            throw Refusal.conflict("NO_INVOICE_REQUESTED", "the buyer asked for no invoice on order " + orderId);
        }
        if (invoiceNo != null && !invoiceNo.equals(cmd.invoiceNo())) {
            throw Refusal.conflict("INVOICE_ALREADY_ISSUED", "invoice " + invoiceNo + " was issued for the order");
        }
        if (invoiceNo == null) { // the same number again changes nothing
            apply(new InvoiceIssued(orderId, cmd.invoiceNo(), cmd.url(), clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public OrderAck handle(MarkPrinted cmd, Clock clock) {
        require(Action.MARK_PRINTED, cmd.actor(), clock);
        if (printed != cmd.printed()) { // marking it again changes nothing
            apply(new WaybillPrintMarked(orderId, cmd.printed(), cmd.actor().id(), clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public OrderAck handle(SetSellerRemark cmd, Clock clock) {
        require(Action.SELLER_REMARK, cmd.actor(), clock);
        if (!java.util.Objects.equals(sellerRemark, cmd.remark()) || sellerFlag != cmd.flag()) {
            apply(new SellerRemarkSet(orderId, cmd.remark(), cmd.flag(), cmd.actor().id(), clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public OrderAck handle(ExtendReceipt cmd, Clock clock, OrderSettings settings) {
        require(Action.EXTEND_RECEIPT, cmd.actor(), clock);
        apply(new ReceiptExtended(orderId, afterSales.autoConfirmAt().plus(settings.timers().receiptExtension()),
                clock.instant()));
        return ack();
    }

    /**
     * 改价 while unpaid. A new shipping fee first, then a new pay amount: its difference is taken off (or added to)
     * the lines in proportion to what is paid for them, to the fen. A seller never goes above what the order cost
     * when placed; nobody goes below ¥0.01 to pay.
     */
    @CommandHandler
    public OrderAck handle(AdjustPrice cmd, Clock clock, OrderSettings settings) {
        require(Action.ADJUST_PRICE, cmd.actor(), clock);
        if (pointsExchange) {
            throw Refusal.conflict("ORDER_NOT_ADJUSTABLE", "a points exchange is paid in points");
        }
        PriceBreakdown after = price;
        if (cmd.shippingFee() != null) {
            after = after.withShippingFee(cmd.shippingFee(), invoiceRate(settings), settings.pointsPerYuan());
        }
        Map<String, Money> shares = Map.of();
        if (cmd.payAmount() != null) {
            Money off = after.payAmount().minus(cmd.payAmount());
            shares = lines.adjustment(off);
            after = after.adjustedBy(off, settings.pointsPerYuan());
        }
        if (after.payAmount().compareTo(MIN_PAY) < 0) {
            throw Refusal.unprocessable("PAY_AMOUNT_TOO_LOW", "an order costs at least " + MIN_PAY
                    + " to pay; it would be " + after.payAmount()).with("pay_amount", after.payAmount());
        }
        if (after.totalAmount().compareTo(placedTotal) > 0 && !cmd.actor().is(Role.ADMIN)) {
            throw Refusal.unprocessable("PRICE_ABOVE_ORIGINAL", "the order cost " + placedTotal
                    + " when placed; only an admin asks more").with("total_amount", placedTotal);
        }
        if (!after.equals(price)) {
            apply(new PriceAdjusted(orderId, after, shares, cmd.reason(), cmd.actor().id(), clock.instant()));
        }
        return ack();
    }

    /** What pricing the shipping of a new receiver needs: the lines to ship, and whether anything shipped. */
    public record ToShip(OrderType orderType, List<Unshipped> lines) {
    }

    /** A line still to ship: what its shipping is priced on. */
    public record Unshipped(String productId, String skuId, int quantity, Money paid) {
    }

    /**
     * The lines whose shipping a receiver change prices again; checks first that the caller may change it now.
     *
     * @throws Refusal 404, 403, 409 RECEIVER_NOT_CHANGEABLE (shipped, even in part, or finished)
     */
    public ToShip toShip(Actor actor, Instant now) {
        requireReceiverChangeable(actor, now);
        return new ToShip(pointsExchange ? OrderType.POINTS_EXCHANGE : OrderType.PHYSICAL, lines.unshipped());
    }

    private void requireReceiverChangeable(Actor actor, Instant now) {
        OrderRules.require(Action.CHANGE_RECEIVER, facts(), actor, now);
        if (lines.anyShipped()) {
            throw Refusal.conflict("RECEIVER_NOT_CHANGEABLE", "order " + orderId + " has shipped a package");
        }
    }

    /**
     * Sends the order to the receiver, its shipping at this fee: an unpaid order's price follows it; a paid one's
     * cannot change.
     *
     * @throws Refusal 409 SHIPPING_FEE_CHANGED when the order is paid and the new region costs another fee
     */
    public OrderAck changeReceiver(ChangeReceiver cmd, Money shippingFee, OrderSettings settings, Instant now) {
        requireReceiverChangeable(cmd.actor(), now);
        PriceBreakdown after = price;
        if (shippingFee.compareTo(price.shippingFee()) != 0) {
            if (status != PENDING_PAYMENT) {
                throw Refusal.conflict("SHIPPING_FEE_CHANGED", "shipping to the new region costs " + shippingFee
                        + ", the order paid " + price.shippingFee()).with("shipping_fee", shippingFee);
            }
            after = price.withShippingFee(shippingFee, invoiceRate(settings), pointsExchange
                    ? java.math.BigDecimal.ZERO : settings.pointsPerYuan());
        }
        if (!cmd.receiver().equals(receiver) || !after.equals(price)) {
            apply(new ReceiverChanged(orderId, buyerId, cmd.receiver(), after, cmd.actor().id(), now));
        }
        return ack();
    }

    /** The invoice fee rate a new shipping fee is charged at: the configured one when the buyer asked for one. */
    private java.math.BigDecimal invoiceRate(OrderSettings settings) {
        return invoiceAsked ? settings.invoiceFeeRate() : java.math.BigDecimal.ZERO;
    }

    /** The least an adjusted order leaves to pay. */
    static final Money MIN_PAY = Money.of("0.01");

    @CommandHandler
    public OrderAck handle(DeleteOrder cmd, Clock clock) {
        require(Action.DELETE, cmd.actor(), clock);
        if (!deleted) { // deleting twice changes nothing and is not an error: DELETE is idempotent
            apply(new OrderDeletedByBuyer(orderId, clock.instant()));
        }
        return ack();
    }

    /** Cancels (the buyer, the shop, an admin) and tells the caller which stock to give back. */
    Map<String, Map<String, Integer>> cancel(CancelOrder cmd, Instant now) {
        return cancelled(Action.CANCEL, cmd.actor(), cmd.reason(), now);
    }

    /** The payment window closed while the order was unpaid (the order timer). */
    Map<String, Map<String, Integer>> expire(ExpireOrder cmd, Instant now) {
        return cancelled(Action.EXPIRE, cmd.actor(), PAYMENT_TIMEOUT, now);
    }

    private Map<String, Map<String, Integer>> cancelled(Action action, Actor actor, String reason, Instant now) {
        OrderRules.require(action, facts(), actor, now);
        apply(new OrderCancelled(orderId, reason, now));
        group.leave(now);
        return lines.allUnits();
    }

    // ---- after-sales: the order keeps the books per line; RefundHandler calls these with the Refund aggregate

    /** Checks an application against the order's rules and locks the line for it. */
    public RefundApplied openRefund(ApplyRefund cmd, Instant now) {
        OrderRules.require(Action.APPLY_REFUND, facts(), cmd.actor(), now);
        if (tickets.sells(cmd.orderLineId()) && cmd.reason() != io.ordersvc.shared.refund.RefundReason.TICKET_RETURNED) {
            throw Refusal.unprocessable("TICKET_REFUND_BY_CODE", "e-tickets are refunded one by one: POST "
                    + "/tickets/{code}/refund").with("order_line_id", cmd.orderLineId());
        }
        OrderLines.Line line = lines.refundable(cmd.orderLineId(), cmd.amount());
        apply(new RefundOpened(orderId, cmd.refundId(), cmd.orderLineId(), cmd.amount()));
        return new RefundApplied(cmd.refundId(), orderId, orderNo, cmd.orderLineId(), line.productName(),
                buyerId, shopId, cmd.type(), cmd.goodsReceived(), cmd.reason(), cmd.amount(), cmd.note(),
                cmd.evidenceUrls() == null ? List.of() : List.copyOf(cmd.evidenceUrls()), now);
    }

    /** What the end of the order's group asks next. */
    public enum GroupNext { NOTHING, SHIPPABLE, CANCEL, REFUND }

    /**
     * Records the outcome of the order's group, once: a paid order of a succeeded group may ship, one of a failed
     * group is refunded in full; an unpaid one is cancelled either way (the group closed without it).
     */
    public GroupNext groupEnded(GroupStatus outcome, Instant now) {
        if (!group.settle(outcome, now)) {
            return GroupNext.NOTHING;
        }
        if (status == PENDING_PAYMENT) {
            return GroupNext.CANCEL;
        }
        return status == TO_SHIP && outcome == GroupStatus.FAILED ? GroupNext.REFUND
                : outcome == GroupStatus.SUCCEEDED ? GroupNext.SHIPPABLE : GroupNext.NOTHING;
    }

    /** A failed group's order was refunded in full: its seat and units go back. */
    public void leftGroup(Instant now) {
        group.leave(now);
    }

    /** The lines and what is left to refund of each, in order (a failed group's order is refunded in full). */
    public Map<String, Money> refundableLines() {
        return lines.refundableLines();
    }

    /** The books that do not depend on the order's status (a return awaited, a stock correction). */
    public OrderAfterSales afterSales() {
        return afterSales;
    }

    public void refundEnded(String refundId, RefundOutcome outcome, Instant now) {
        afterSales.ended(refundId, outcome, status, now);
    }

    /** Books the money; returns the stock to give back (product → sku → quantity), closes a fully refunded order. */
    public OrderAfterSales.Payout refundPaid(String refundId, boolean goodsReturned, Instant now) {
        return afterSales.paid(refundId, goodsReturned, status, now);
    }

    public String buyerId() {
        return buyerId;
    }

    /** Where the order's money came from, when a channel this service pays out through took it; else null. */
    public PaidThrough paidThrough() {
        PayAck.Payment payment = money.payment();
        if (payment == null || payNo == null) {
            return null;
        }
        PaymentChannel channel = PaymentChannel.fromValue(payment.channel());
        return channel.paysOut() ? new PaidThrough(payNo, channel, payment.transactionNo()) : null;
    }

    public record PaidThrough(String payNo, PaymentChannel channel, String tradeNo) {
    }

    public String orderNo() {
        return orderNo;
    }

    public Instant payableUntil() {
        return payableUntil;
    }

    private void require(Action action, Actor actor, Clock clock) {
        OrderRules.require(action, facts(), actor, clock.instant());
    }

    private OrderRules.Facts facts() {
        return new OrderRules.Facts(orderId, buyerId, shopId, status, payableUntil, lines.anyRefundOpen(), reviewed,
                reviewWindowClosed, afterSalesUntil, afterSalesClosed, true, deleted,
                status == SHIPPED ? afterSales.autoConfirmAt() : null, receiptExtended, group.forming(),
                tickets.ticketOrder());
    }

    public OrderAck ack() {
        return new OrderAck(orderId, status, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(OrderPlaced e) {
        orderId = e.orderId();
        orderNo = e.orderNo();
        buyerId = e.buyerId();
        shopId = e.shopId();
        status = PENDING_PAYMENT;
        payableUntil = e.payableUntil();
        invoiceAsked = e.invoice() != null && e.invoice().wanted();
        price = e.price();
        placedTotal = e.price().totalAmount();
        pointsExchange = e.orderType() == io.ordersvc.shared.order.OrderType.POINTS_EXCHANGE;
        receiver = e.receiver();
        payNo = e.payNo();
    }

    @EventSourcingHandler
    void on(Repriced e) {
        price = e.price();
        if (e instanceof ReceiverChanged changed) {
            receiver = changed.receiver();
        }
    }

    @EventSourcingHandler
    void on(OrderPaid e) {
        status = TO_SHIP;
    }

    /** E-tickets are delivered as their codes: the order is shipped. */
    @EventSourcingHandler
    void on(TicketsIssued e) {
        status = SHIPPED;
    }

    @EventSourcingHandler
    void on(WaybillPrintMarked e) {
        printed = e.printed();
    }

    @EventSourcingHandler
    void on(SellerRemarkSet e) {
        sellerRemark = e.remark();
        sellerFlag = e.flag();
    }

    @EventSourcingHandler
    void on(ReceiptExtended e) {
        receiptExtended = true;
    }

    @EventSourcingHandler
    void on(OrderShipped e) {
        if (e.fullyShipped()) {
            status = SHIPPED;
        }
    }

    /** What a buyer's member spending counts of this order: what was paid less what was refunded, once completed. */
    public record Spending(String buyerId, Money paidLessRefunds, boolean completed) {
    }

    /** The buyer whose wallet this order took points, balance, a gift card or a coupon from; null when none. */
    public String walletBuyer() {
        boolean used = price.pointsUsed() > 0 || price.balanceAmount().isPositive()
                || price.giftCardAmount().isPositive() || price.couponDiscount().isPositive();
        return used ? buyerId : null;
    }

    /** What a completed order earns now: its points_earned less the share of its lines' paid amount refunded. */
    public record Earning(String buyerId, long points, boolean completed) {
    }

    public Earning earning() {
        Money paid = lines.paidTotal();
        Money left = paid.minus(lines.refundedTotal());
        long pointsEarned = price.pointsEarned(); // before refunds
        long points = !paid.isPositive() ? (lines.refundedTotal().isPositive() ? 0 : pointsEarned)
                : left.amount().multiply(java.math.BigDecimal.valueOf(pointsEarned))
                .divide(paid.amount(), 0, java.math.RoundingMode.DOWN).longValueExact();
        return new Earning(buyerId, points, afterSalesUntil != null);
    }

    public Spending spending() {
        Money paid = money.payment() == null ? Money.ZERO : money.payment().amount();
        return new Spending(buyerId, paid.minus(lines.refundedTotal()), afterSalesUntil != null);
    }

    @EventSourcingHandler
    void on(OrderReceiptConfirmed e) {
        status = COMPLETED;
        afterSalesUntil = e.afterSalesUntil();
    }

    @EventSourcingHandler
    void on(OrderCancelled e) {
        status = CANCELLED;
        cancelReason = e.reason();
    }

    // facts that set one flag each
    @EventSourcingHandler void on(ReviewWindowClosed e) { reviewWindowClosed = true; }
    @EventSourcingHandler void on(AfterSalesWindowClosed e) { afterSalesClosed = true; }
    @EventSourcingHandler void on(OrderReviewed e) { reviewed = true; }
    @EventSourcingHandler void on(InvoiceIssued e) { invoiceNo = e.invoiceNo(); }
    @EventSourcingHandler void on(OrderDeletedByBuyer e) { deleted = true; }
    @EventSourcingHandler void on(LineRefunded e) { status = e.statusAfter(); }
    @EventSourcingHandler void on(OrderClosed e) { status = CLOSED; }
}
