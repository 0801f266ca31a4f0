package io.ordersvc.command.timer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order's timers. The payment window: when it closes on an unpaid order, the order is cancelled by the system
 * (reason payment_timeout) and its stock released. The deadline lives in PostgreSQL (db-scheduler), so it survives
 * restarts and fires on exactly one instance; paying or cancelling first cancels it.
 */
@Saga
@ProcessingGroup(OrderTimers.GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderTimers {

    public static final String GROUP = "order-timers";
    public static final String PAYMENT_TIMEOUT = "payment-timeout";
    /** Counter of deadlines that fired on this instance (orders_timers_fired_total on /actuator/prometheus). */
    public static final String FIRED = "orders.timers.fired";
    private static final Logger log = LoggerFactory.getLogger(OrderTimers.class);

    private String orderId;
    private String paymentDeadlineId;

    /** The deadline's payload: which order it is about. */
    public record PaymentTimeout(String orderId) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPlaced placed, DeadlineManager deadlines) {
        orderId = placed.orderId();
        paymentDeadlineId = deadlines.schedule(placed.payableUntil(), PAYMENT_TIMEOUT,
                new PaymentTimeout(placed.orderId()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPaid paid, DeadlineManager deadlines) {
        deadlines.cancelSchedule(PAYMENT_TIMEOUT, paymentDeadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelled cancelled, DeadlineManager deadlines) {
        deadlines.cancelSchedule(PAYMENT_TIMEOUT, paymentDeadlineId);
    }

    @DeadlineHandler(deadlineName = PAYMENT_TIMEOUT)
    public void paymentWindowClosed(PaymentTimeout timeout, CommandGateway commands, MeterRegistry meters) {
        meters.counter(FIRED, "type", "payment_timeout").increment();
        try {
            commands.sendAndWait(new ExpireOrder(timeout.orderId(), Actor.system("order-timers")));
        } catch (DomainException refused) {
            // Paid or cancelled while the deadline was on its way: nothing to expire.
            log.debug("order {} not expired: {}", timeout.orderId(), refused.getMessage());
        }
    }
}
