package io.ordersvc.command.timer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderCommand;
import io.ordersvc.shared.order.OrderCommand.AutoConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.CloseAfterSalesWindow;
import io.ordersvc.shared.order.OrderCommand.CloseReviewWindow;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import io.ordersvc.shared.order.TimerType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * An order's timers, from placement until nothing is left to wait for. Each deadline lives in PostgreSQL
 * (db-scheduler), survives restarts and fires on exactly one instance; when it fires, the system sends the order a
 * command, whose own rules decide (so a deadline racing a user's action can never do harm).
 * <ul>
 * <li>payment-timeout at payable_until: an unpaid order is expired and its stock released;</li>
 * <li>auto-confirm at the last shipment's auto_confirm_at: receipt confirmed for the buyer, held while a refund is
 * open and resumed when it closes;</li>
 * <li>review-window and after-sales-window at the completion's review_until and after_sales_until.</li>
 * </ul>
 */
@Saga
@ProcessingGroup(OrderTimers.GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderTimers {

    public static final String GROUP = "order-timers";
    public static final String PAYMENT_TIMEOUT = "payment-timeout";
    public static final String AUTO_CONFIRM = "auto-confirm";
    public static final String REVIEW_WINDOW = "review-window";
    public static final String AFTER_SALES_WINDOW = "after-sales-window";
    /** Counter of deadlines that fired on this instance (orders_timers_fired_total on /actuator/prometheus). */
    public static final String FIRED = "orders.timers.fired";
    private static final Actor TIMERS = Actor.system("order-timers");
    private static final Logger log = LoggerFactory.getLogger(OrderTimers.class);

    private String orderId;
    private String paymentDeadlineId;
    private String autoConfirmId;
    private Instant autoConfirmDue;
    private final Set<String> openRefunds = new HashSet<>();
    private String reviewWindowId;
    private String afterSalesWindowId;
    private boolean reviewWindowOver;
    private boolean afterSalesOver;

    /** Deadline payloads: which order a deadline is about. */
    public record PaymentTimeout(String orderId) {
    }

    public record AutoConfirm(String orderId) {
    }

    public record WindowCloses(String orderId) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPlaced placed, DeadlineManager deadlines) {
        orderId = placed.orderId();
        paymentDeadlineId = deadlines.schedule(placed.payableUntil(), PAYMENT_TIMEOUT,
                new PaymentTimeout(placed.orderId()));
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPaid paid, DeadlineManager deadlines) {
        deadlines.cancelSchedule(PAYMENT_TIMEOUT, paymentDeadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelled cancelled, DeadlineManager deadlines) {
        deadlines.cancelSchedule(PAYMENT_TIMEOUT, paymentDeadlineId);
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderShipped shipped, DeadlineManager deadlines) {
        if (shipped.autoConfirmAt() != null) {
            autoConfirmDue = shipped.autoConfirmAt();
            if (openRefunds.isEmpty()) {
                autoConfirmId = deadlines.schedule(autoConfirmDue, AUTO_CONFIRM, new AutoConfirm(orderId));
            }
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(RefundOpened opened, DeadlineManager deadlines) {
        openRefunds.add(opened.refundId());
        if (autoConfirmId != null) { // receipt waits while goods or money are in dispute
            deadlines.cancelSchedule(AUTO_CONFIRM, autoConfirmId);
            autoConfirmId = null;
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(RefundEnded ended, DeadlineManager deadlines) {
        refundClosed(ended.refundId(), ended.autoConfirmAt(), ended.endedAt(), deadlines);
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(LineRefunded refunded, DeadlineManager deadlines) {
        refundClosed(refunded.refundId(), refunded.autoConfirmAt(), refunded.refundedAt(), deadlines);
    }

    /**
     * The order says when its automatic receipt resumes (null: it does not). An event stored before the order said
     * so (read with a null date) may still be on its way here at an upgrade: for it, the saga's own books decide as
     * they used to, which gives the same date.
     */
    private void refundClosed(String refundId, Instant resumesAt, Instant closedAt, DeadlineManager deadlines) {
        openRefunds.remove(refundId);
        if (autoConfirmId != null) {
            return;
        }
        if (resumesAt != null) {
            autoConfirmId = deadlines.schedule(resumesAt, AUTO_CONFIRM, new AutoConfirm(orderId));
        } else if (openRefunds.isEmpty() && autoConfirmDue != null && !reviewWindowOver && reviewWindowId == null) {
            Instant due = autoConfirmDue.isAfter(closedAt) ? autoConfirmDue : closedAt;
            autoConfirmId = deadlines.schedule(due, AUTO_CONFIRM, new AutoConfirm(orderId));
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderReceiptConfirmed confirmed, DeadlineManager deadlines) {
        cancel(deadlines, AUTO_CONFIRM, autoConfirmId);
        autoConfirmId = null;
        autoConfirmDue = null;
        reviewWindowId = deadlines.schedule(confirmed.reviewUntil(), REVIEW_WINDOW, new WindowCloses(orderId));
        afterSalesWindowId = deadlines.schedule(confirmed.afterSalesUntil(), AFTER_SALES_WINDOW,
                new WindowCloses(orderId));
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderReviewed reviewed, DeadlineManager deadlines) {
        cancel(deadlines, REVIEW_WINDOW, reviewWindowId);
        reviewWindowOver = true;
        endWhenNothingIsLeft();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(ReviewWindowClosed closed) {
        reviewWindowOver = true;
        endWhenNothingIsLeft();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(AfterSalesWindowClosed closed) {
        afterSalesOver = true;
        endWhenNothingIsLeft();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderClosed closed, DeadlineManager deadlines) {
        cancel(deadlines, PAYMENT_TIMEOUT, paymentDeadlineId);
        cancel(deadlines, AUTO_CONFIRM, autoConfirmId);
        cancel(deadlines, REVIEW_WINDOW, reviewWindowId);
        cancel(deadlines, AFTER_SALES_WINDOW, afterSalesWindowId);
    }

    /** By id: cancelling by name alone would have to look through every order's deadlines. */
    private static void cancel(DeadlineManager deadlines, String name, String id) {
        if (id != null) {
            deadlines.cancelSchedule(name, id);
        }
    }

    private void endWhenNothingIsLeft() {
        if (reviewWindowOver && afterSalesOver) {
            SagaLifecycle.end();
        }
    }

    @DeadlineHandler(deadlineName = PAYMENT_TIMEOUT)
    public void paymentWindowClosed(PaymentTimeout timeout, TimerCommands commands, MeterRegistry meters) {
        fire(TimerType.PAYMENT_TIMEOUT, new ExpireOrder(timeout.orderId(), TIMERS), commands, meters);
    }

    @DeadlineHandler(deadlineName = AUTO_CONFIRM)
    public void autoConfirm(AutoConfirm due, TimerCommands commands, MeterRegistry meters) {
        autoConfirmId = null;
        fire(TimerType.AUTO_CONFIRM, new AutoConfirmReceipt(due.orderId(), TIMERS), commands, meters);
    }

    @DeadlineHandler(deadlineName = REVIEW_WINDOW)
    public void reviewWindowCloses(WindowCloses due, TimerCommands commands, MeterRegistry meters) {
        fire(TimerType.REVIEW_WINDOW, new CloseReviewWindow(due.orderId(), TIMERS), commands, meters);
    }

    @DeadlineHandler(deadlineName = AFTER_SALES_WINDOW)
    public void afterSalesWindowCloses(WindowCloses due, TimerCommands commands, MeterRegistry meters) {
        fire(TimerType.AFTER_SALES_WINDOW, new CloseAfterSalesWindow(due.orderId(), TIMERS), commands, meters);
    }

    /**
     * Sends the command in a unit of work of its own (another thread: {@link TimerCommands}), not nested in the
     * deadline's. Axon 4 has no way to leave the current unit of work on the same thread: a nested one shares its
     * transaction, and one started after its commit would lose the timer if the command then failed. Nested, a lost
     * race with another instance (both releasing stock of one product) would surface only when the deadline's unit
     * of work commits, too late for the command retries. If it still fails, the deadline fails and db-scheduler
     * runs it again; a refusal means the order moved on (paid, received, refund open...) and ends the timer.
     */
    private static void fire(TimerType type, OrderCommand command, TimerCommands commands, MeterRegistry meters) {
        meters.counter(FIRED, "type", type.value()).increment();
        try {
            commands.sendAndWait(command);
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof DomainException refused) {
                log.debug("{} timer of order {} not applied: {}", type, command.orderId(), refused.getMessage());
            } else {
                throw failure;
            }
        }
    }
}
