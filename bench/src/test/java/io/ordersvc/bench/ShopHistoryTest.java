package io.ordersvc.bench;

import io.ordersvc.command.order.Order;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.order.OrderCommand.ConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShopHistoryTest {

    static final Instant END = Instant.parse("2026-11-22T00:00:00Z");

    static List<DomainEventMessage<?>> history(long seed, int orders) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        new ShopHistory(new ShopHistory.Settings(seed, orders, 4, 5, 100, END.minus(Duration.ofDays(60)), END),
                events::add).run();
        return events;
    }

    @Test
    void streams_are_contiguous_in_time_order_and_the_same_for_the_same_seed() {
        List<DomainEventMessage<?>> events = history(7, 2000);
        Map<String, Long> next = new HashMap<>();
        Instant previous = Instant.MIN;
        for (DomainEventMessage<?> e : events) {
            assertThat(e.getSequenceNumber()).as(e.getAggregateIdentifier())
                    .isEqualTo(next.getOrDefault(e.getAggregateIdentifier(), 0L));
            next.put(e.getAggregateIdentifier(), e.getSequenceNumber() + 1);
            assertThat(e.getTimestamp()).isAfterOrEqualTo(previous).isBeforeOrEqualTo(END);
            previous = e.getTimestamp();
            assertThat(e.getMetaData()).containsKeys("actor_id", "actor_role", "correlation_id");
        }
        assertThat(events.stream().filter(e -> e.getPayload() instanceof OrderPlaced)).hasSize(2000);
        // A realistic mix: most orders paid and shipped, some cancelled, a few refunded.
        assertThat(events.size()).isBetween(2000 * 5, 2000 * 9);

        List<DomainEventMessage<?>> again = history(7, 2000);
        assertThat(again).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(again.get(i).getPayload()).isEqualTo(events.get(i).getPayload());
        }
    }

    /** The real aggregate, given a generated history, takes the next step: the history is one it could have written. */
    @Test
    void the_order_aggregate_accepts_the_generated_histories() {
        Map<String, List<Object>> byOrder = new LinkedHashMap<>();
        for (DomainEventMessage<?> e : history(11, 600)) {
            if (e.getPayload() instanceof OrderEvent o) {
                byOrder.computeIfAbsent(o.orderId(), k -> new ArrayList<>()).add(o);
            }
        }
        Clock clock = Clock.fixed(END, ZoneOffset.UTC);
        int checked = 0;
        for (List<Object> stream : byOrder.values()) {
            OrderPlaced placed = (OrderPlaced) stream.get(0);
            Object last = stream.get(stream.size() - 1);
            Actor seller = new Actor("seller-" + placed.shopId(), Role.SELLER, placed.shopId());
            Actor buyer = new Actor(placed.buyerId(), Role.BUYER, null);
            var fixture = new AggregateTestFixture<>(Order.class);
            fixture.registerInjectableResource(clock);
            fixture.registerInjectableResource(io.ordersvc.command.order.OrderSettings.defaults());
            if (last instanceof OrderPaid) {
                fixture.given(stream).when(new ShipOrder(placed.orderId(), seller, "s-" + checked, "SF", "顺丰",
                        "SF" + checked, List.of())).expectSuccessfulHandlerExecution();
                checked++;
            } else if (last instanceof OrderShipped shipped && shipped.fullyShipped()) {
                fixture.given(stream).when(new ConfirmReceipt(placed.orderId(), buyer))
                        .expectSuccessfulHandlerExecution();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }
}
