package io.ordersvc.command.order;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.order.OrderCommand.CorrectStockRelease;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.PaymentMix;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundAwaitingReturn;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.StockReleaseCorrected;
import io.ordersvc.shared.order.OrderEvent.ReceiptExtended;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.RefundOutcome;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.Map;

import static io.ordersvc.command.support.Guards.requireRole;
import static io.ordersvc.shared.order.OrderStatus.SHIPPED;
import static io.ordersvc.shared.order.OrderStatus.TO_SHIP;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The order's after-sales books, an entity of the Order aggregate: what a refund's end or payout does to the lines
 * (their books are {@link OrderLines}), to the order's status and to its automatic receipt, which an open refund
 * holds. {@link Order} checks who may do what and hands the order's status in; this decides what the books say.
 */
@FeatureApi // the refund feature books returns through it
public class OrderAfterSales {

    private final OrderLines lines;
    private String orderId;
    /** When receipt is confirmed for the buyer: set by the shipment that completes the order, moved by refunds. */
    private Instant autoConfirmAt;
    /** How the order was paid, and what refunds gave back of each. */
    private PaymentMix mix;

    OrderAfterSales(OrderLines lines) {
        this.lines = lines;
    }

    public void awaitsReturn(String refundId) {
        apply(new RefundAwaitingReturn(orderId, refundId, lines.lineOf(refundId)));
    }

    void ended(String refundId, RefundOutcome outcome, OrderStatus status, Instant now) {
        apply(new RefundEnded(orderId, refundId, lines.lineOf(refundId), outcome, now,
                receiptResumes(refundId, status, now)));
    }

    /**
     * Books the money, split over what paid for the order ({@link PaymentMix}); closes a fully refunded order.
     * @return the stock to give back (product → sku → quantity) and how the money goes back
     */
    Payout paid(String refundId, boolean goodsReturned, OrderStatus status, Instant now) {
        OrderLines.Settlement paid = lines.settle(refundId, goodsReturned);
        PaymentMix.Share back = mix.split(paid.line().openRefundAmount());
        // A to_ship order whose unshipped lines were all refunded has nothing left to ship.
        OrderStatus statusAfter = status == TO_SHIP && paid.nothingLeftToShip() ? SHIPPED : status;
        apply(new LineRefunded(orderId, refundId, paid.lineId(), paid.line().openRefundAmount(),
                paid.after().refunded(), paid.after().fullyRefunded(), paid.returned(), paid.released(), statusAfter,
                now, paid.allRefunded() ? null : receiptResumes(refundId, statusAfter, now), back));
        if (paid.allRefunded()) {
            apply(new OrderClosed(orderId, now));
        }
        return new Payout(paid.stockBack(), back);
    }

    /** What a refund's payout gives back: stock (product → sku → quantity), and money by instrument. */
    public record Payout(Map<String, Map<String, Integer>> stockBack, PaymentMix.Share back) {
    }

    /**
     * A refund held the automatic receipt of a shipped order; when the last open one closes, receipt is due again
     * at the date it had, or now if that has passed. Null when nothing resumes.
     */
    private Instant receiptResumes(String closingRefund, OrderStatus statusAfter, Instant now) {
        if (statusAfter != SHIPPED || autoConfirmAt == null || lines.anyRefundOpenBesides(closingRefund)) {
            return null;
        }
        return autoConfirmAt.isAfter(now) ? autoConfirmAt : now;
    }

    /** The product and SKU of a line whose released stock an admin corrects (StockReconciliation). */
    OrderLines.Line lineToCorrect(CorrectStockRelease cmd) {
        requireRole(cmd.actor(), Role.ADMIN);
        return lines.line(cmd.orderLineId());
    }

    void stockCorrected(String lineId, OrderLines.Line line, int applied, Instant now) {
        if (applied != 0) {
            apply(new StockReleaseCorrected(orderId, lineId, line.productId(), line.skuId(), applied, now));
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced e) {
        orderId = e.orderId();
        mix = PaymentMix.of(e.price());
    }

    @EventSourcingHandler
    void on(OrderShipped e) {
        if (e.fullyShipped()) {
            autoConfirmAt = e.autoConfirmAt();
        }
    }

    /** When receipt is confirmed for the buyer, once the order has shipped everything (null before). */
    Instant autoConfirmAt() {
        return autoConfirmAt;
    }

    /** A price adjustment or a new receiver: the order costs what the event says from now on. */
    @EventSourcingHandler
    void on(io.ordersvc.shared.order.OrderEvent.Repriced e) {
        mix = PaymentMix.of(e.price());
    }

    @EventSourcingHandler
    void on(ReceiptExtended e) {
        autoConfirmAt = e.autoConfirmAt();
    }

    @EventSourcingHandler
    void on(RefundEnded e) {
        resumed(e.autoConfirmAt());
    }

    @EventSourcingHandler
    void on(LineRefunded e) {
        mix = mix.after(e.back());
        resumed(e.autoConfirmAt());
    }

    private void resumed(Instant due) {
        if (due != null) {
            autoConfirmAt = due;
        }
    }
}
