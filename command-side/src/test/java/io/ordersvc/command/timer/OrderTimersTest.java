package io.ordersvc.command.timer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.AutoConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.CloseAfterSalesWindow;
import io.ordersvc.shared.order.OrderCommand.CloseReviewWindow;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.axonframework.commandhandling.gateway.DefaultCommandGateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class OrderTimersTest {

    static final String ORDER = "order-1";
    private SagaTestFixture<OrderTimers> fixture;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    static final Duration AUTO_CONFIRM = Duration.ofDays(10);
    static final Duration WINDOW = Duration.ofDays(15);

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderTimers.class);
        fixture.registerResource(meters);
        fixture.registerResource(new TimerCommands(DefaultCommandGateway.builder()
                .commandBus(fixture.getCommandBus()).build()));
    }

    private OrderPaid paid() {
        return new OrderPaid(ORDER, Money.of("10.00"), "wechat", "t", fixture.currentTime());
    }

    private OrderShipped shipped() {
        Instant now = fixture.currentTime();
        return new OrderShipped(ORDER, "s", "SF", "顺丰", "SF1", List.of(), true, now, now.plus(AUTO_CONFIRM));
    }

    private OrderReceiptConfirmed confirmed() {
        Instant now = fixture.currentTime();
        return new OrderReceiptConfirmed(ORDER, now, false, now.plus(WINDOW), now.plus(WINDOW));
    }

    @Test
    void the_last_shipment_schedules_auto_confirm() {
        OrderShipped shipped = shipped();
        fixture.givenAggregate(ORDER).published(placed(), paid())
                .whenAggregate(ORDER).publishes(shipped)
                .expectScheduledDeadlineWithName(shipped.shippedAt().plus(AUTO_CONFIRM), OrderTimers.AUTO_CONFIRM);
    }

    @Test
    void auto_confirm_confirms_for_the_buyer_when_it_falls_due() {
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped())
                .whenTimeElapses(AUTO_CONFIRM.plusSeconds(1))
                .expectDispatchedCommands(new AutoConfirmReceipt(ORDER, Actor.system("order-timers")));
    }

    @Test
    void an_open_refund_holds_auto_confirm() {
        var opened = new RefundOpened(ORDER, "r-1", "line-1", Money.of("1.00"));
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped())
                .whenAggregate(ORDER).publishes(opened)
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_held_auto_confirm_does_not_fire() {
        var opened = new RefundOpened(ORDER, "r-1", "line-1", Money.of("1.00"));
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped(), opened)
                .whenTimeElapses(AUTO_CONFIRM.plusDays(1))
                .expectNoDispatchedCommands();
    }

    @Test
    void auto_confirm_is_scheduled_at_the_date_the_shipment_states() {
        Instant now = fixture.currentTime();
        var shipped = new OrderShipped(ORDER, "s", "SF", "顺丰", "SF1", List.of(), true, now, now.plus(Duration.ofDays(3)));
        fixture.givenAggregate(ORDER).published(placed(), paid())
                .whenAggregate(ORDER).publishes(shipped)
                .expectScheduledDeadlineWithName(now.plus(Duration.ofDays(3)), OrderTimers.AUTO_CONFIRM);
    }

    @Test
    void auto_confirm_resumes_when_the_order_says_after_the_refund_closes() {
        OrderShipped shipped = shipped();
        var opened = new RefundOpened(ORDER, "r-1", "line-1", Money.of("1.00"));
        Instant resumes = shipped.autoConfirmAt().plusSeconds(90);
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped, opened)
                .whenAggregate(ORDER).publishes(new RefundEnded(ORDER, "r-1", "line-1", RefundOutcome.REFUSED,
                        shipped.shippedAt().plusSeconds(60), resumes))
                .expectScheduledDeadlineWithName(resumes, OrderTimers.AUTO_CONFIRM);
    }

    @Test
    void a_refund_end_stored_before_due_dates_were_facts_resumes_at_the_old_due_time() {
        OrderShipped shipped = shipped();
        var opened = new RefundOpened(ORDER, "r-1", "line-1", Money.of("1.00"));
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped, opened)
                .whenAggregate(ORDER).publishes(new RefundEnded(ORDER, "r-1", "line-1", RefundOutcome.REFUSED,
                        shipped.shippedAt().plusSeconds(60), null))
                .expectScheduledDeadlineWithName(shipped.shippedAt().plus(AUTO_CONFIRM), OrderTimers.AUTO_CONFIRM);
    }

    @Test
    void completion_cancels_auto_confirm_and_schedules_the_review_and_after_sales_windows() {
        var confirmed = confirmed();
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped())
                .whenAggregate(ORDER).publishes(confirmed)
                .expectScheduledDeadlineWithName(confirmed.confirmedAt().plus(WINDOW), OrderTimers.REVIEW_WINDOW)
                .expectScheduledDeadlineWithName(confirmed.confirmedAt().plus(WINDOW), OrderTimers.AFTER_SALES_WINDOW)
                .expectNoScheduledDeadlineWithName(confirmed.confirmedAt(), confirmed.confirmedAt().plus(WINDOW),
                        OrderTimers.AUTO_CONFIRM);
    }

    @Test
    void the_windows_close_when_they_fall_due() {
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped(),
                        confirmed())
                .whenTimeElapses(WINDOW.plusSeconds(1))
                .expectDispatchedCommands(new CloseReviewWindow(ORDER, Actor.system("order-timers")),
                        new CloseAfterSalesWindow(ORDER, Actor.system("order-timers")));
    }

    @Test
    void a_review_cancels_the_review_window() {
        var confirmed = confirmed();
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped(), confirmed)
                .whenAggregate(ORDER).publishes(new OrderReviewed(ORDER, 5, "好", fixture.currentTime()))
                .expectScheduledDeadlineWithName(confirmed.confirmedAt().plus(WINDOW), OrderTimers.AFTER_SALES_WINDOW)
                .expectNoScheduledDeadlineWithName(confirmed.confirmedAt(), confirmed.confirmedAt().plus(WINDOW),
                        OrderTimers.REVIEW_WINDOW)
                .expectActiveSagas(1);
    }

    @Test
    void the_saga_ends_when_both_windows_are_over() {
        var confirmed = confirmed();
        fixture.givenAggregate(ORDER).published(placed(), paid(), shipped(), confirmed,
                        new OrderReviewed(ORDER, 5, "好", fixture.currentTime()))
                .whenAggregate(ORDER).publishes(new AfterSalesWindowClosed(ORDER, fixture.currentTime()))
                .expectActiveSagas(0);
    }

    private OrderPlaced placed() {
        Instant now = fixture.currentTime();
        return new OrderPlaced(ORDER, "20261122000000000000", "buyer-1", "shop-1", OrderType.PHYSICAL, List.of(),
                new Receiver("n", "13800138000", "p", "c", "d", "a", null), null, Money.of("10.00"), Money.ZERO,
                Money.ZERO, Money.of("10.00"), 0, 10, now, now.plus(Duration.ofHours(24)));
    }

    @Test
    void placing_an_order_schedules_its_payment_timeout_at_payable_until() {
        OrderPlaced placed = placed();
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER).publishes(placed)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(placed.payableUntil(), OrderTimers.PAYMENT_TIMEOUT);
    }

    @Test
    void when_the_window_closes_unpaid_the_order_is_expired_by_the_system() {
        fixture.givenAggregate(ORDER).published(placed())
                .whenTimeElapses(Duration.ofHours(24).plusSeconds(1))
                .expectDeadlinesMet(new OrderTimers.PaymentTimeout(ORDER))
                .expectDispatchedCommands(new ExpireOrder(ORDER, Actor.system("order-timers")));
    }

    @Test
    void paying_in_time_cancels_the_timer_and_ends_the_saga() {
        fixture.givenAggregate(ORDER).published(placed())
                .whenAggregate(ORDER).publishes(new OrderPaid(ORDER, Money.of("10.00"), "wechat", "t", Instant.now()))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1); // it lives on for the shipment's and completion's timers
    }

    @Test
    void cancelling_cancels_the_timer_and_ends_the_saga() {
        fixture.givenAggregate(ORDER).published(placed())
                .whenAggregate(ORDER).publishes(new OrderCancelled(ORDER, "changed my mind", Instant.now()))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }
}
