package io.ordersvc.command.timer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class OrderTimersTest {

    static final String ORDER = "order-1";
    private SagaTestFixture<OrderTimers> fixture;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderTimers.class);
        fixture.registerResource(meters);
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
                .expectActiveSagas(0);
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
