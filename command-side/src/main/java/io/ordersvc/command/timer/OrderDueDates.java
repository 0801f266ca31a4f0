package io.ordersvc.command.timer;

import io.ordersvc.platform.axon.EventBatch;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.ReceiptExtended;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import static io.ordersvc.shared.order.TimerType.AFTER_SALES_WINDOW;
import static io.ordersvc.shared.order.TimerType.AUTO_CONFIRM;
import static io.ordersvc.shared.order.TimerType.PAYMENT_TIMEOUT;
import static io.ordersvc.shared.order.TimerType.REVIEW_WINDOW;
import static io.ordersvc.shared.order.TimerType.TICKET_EXPIRY;

/**
 * The order's open timers, from the due dates its events state (order_timer): the payment window from placement,
 * the automatic receipt from the last shipment (held while refunds are open, resumed when the order says), the
 * review and after-sales windows from completion. A few JDBC batches per event batch instead of a saga per order
 * and a scheduled row per deadline; {@link TimerSweep} fires what is due. Starts at the beginning of the store, so a
 * store written before it existed gets its open timers on the first start.
 */
@Component
@ProcessingGroup(OrderDueDates.GROUP)
class OrderDueDates {

    static final String GROUP = "order-due-dates";

    private final DueTable table;

    OrderDueDates(DueTable table) {
        this.table = table;
    }

    @EventHandler
    void on(OrderPlaced e) {
        book().placed(e.orderId(), e.payableUntil());
    }

    @EventHandler
    void on(OrderPaid e) {
        book().remove(e.orderId(), PAYMENT_TIMEOUT);
    }

    @EventHandler
    void on(OrderCancelled e) {
        book().removeAll(e.orderId());
    }

    @EventHandler
    void on(OrderShipped e) {
        if (e.autoConfirmAt() != null) {
            book().due(e.orderId(), AUTO_CONFIRM, e.autoConfirmAt());
        }
    }

    /** The buyer extended the receipt: the automatic receipt moves; a hold of an open refund stays. */
    @EventHandler
    void on(ReceiptExtended e) {
        book().due(e.orderId(), AUTO_CONFIRM, e.autoConfirmAt());
    }

    @EventHandler
    void on(RefundOpened e) {
        book().hold(e.orderId());
    }

    @EventHandler
    void on(RefundEnded e) {
        book().release(e.orderId(), e.autoConfirmAt(), e.endedAt());
    }

    @EventHandler
    void on(LineRefunded e) {
        book().release(e.orderId(), e.autoConfirmAt(), e.refundedAt());
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketsIssued e) {
        ticketsExpire(e.orderId(), e.expiresAt());
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketRedeemed e) {
        ticketsExpire(e.orderId(), e.nextExpiry());
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketsExpired e) {
        ticketsExpire(e.orderId(), e.nextExpiry());
    }

    @EventHandler
    void on(io.ordersvc.shared.order.OrderEvent.TicketRefunded e) {
        ticketsExpire(e.orderId(), e.nextExpiry());
    }

    /** The first validity end of the tickets left unused; none left: no timer. */
    private void ticketsExpire(String orderId, java.time.Instant at) {
        if (at == null) {
            book().remove(orderId, TICKET_EXPIRY);
        } else {
            book().due(orderId, TICKET_EXPIRY, at);
        }
    }

    @EventHandler
    void on(OrderReceiptConfirmed e) {
        DueBook book = book();
        book.remove(e.orderId(), AUTO_CONFIRM);
        book.remove(e.orderId(), TICKET_EXPIRY);
        book.due(e.orderId(), REVIEW_WINDOW, e.reviewUntil());
        book.due(e.orderId(), AFTER_SALES_WINDOW, e.afterSalesUntil());
    }

    @EventHandler
    void on(OrderReviewed e) {
        book().remove(e.orderId(), REVIEW_WINDOW);
    }

    @EventHandler
    void on(ReviewWindowClosed e) {
        book().remove(e.orderId(), REVIEW_WINDOW);
    }

    @EventHandler
    void on(AfterSalesWindowClosed e) {
        book().remove(e.orderId(), AFTER_SALES_WINDOW);
    }

    @EventHandler
    void on(OrderClosed e) {
        book().removeAll(e.orderId());
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }

    /**
     * The book of the current event batch (its transaction): the rows of every order the batch names are loaded
     * in one query, except orders placed in it; the difference is written just before the commit, with the token.
     */
    DueBook book() {
        return EventBatch.state(this, () -> new DueBook(table::load),
                book -> book.prefetch(EventBatch.aggregates("Order", OrderPlaced.class)),
                book -> table.write(book.changes()));
    }

}
