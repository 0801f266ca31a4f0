package io.ordersvc.platform.axon;

import io.ordersvc.shared.error.Refusal;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandRetryTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = new AxonRuntimeConfig().commandGateway(bus, executor, 3);
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static ConcurrencyException lostRace() {
        var unique = new SQLException("duplicate key", "23505");
        var batch = new BatchUpdateException("batch failed", "23505", new int[0]);
        batch.setNextException(unique);
        return new ConcurrencyException("An event for aggregate [x] at sequence [1] was already inserted", batch);
    }

    @Test
    void a_lost_append_race_is_retried_until_it_wins() {
        bus.subscribe(String.class.getName(), message -> {
            if (calls.incrementAndGet() <= 2) {
                throw lostRace();
            }
            return "done";
        });
        assertThat((String) gateway.sendAndWait("ship")).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void retries_are_bounded_and_then_the_conflict_is_reported() {
        bus.subscribe(String.class.getName(), message -> {
            calls.incrementAndGet();
            throw lostRace();
        });
        assertThatThrownBy(() -> gateway.sendAndWait("ship")).isInstanceOf(ConcurrencyException.class);
        assertThat(calls).hasValue(4); // the first attempt and three retries
    }

    @Test
    void a_refusal_is_answered_at_once() {
        bus.subscribe(String.class.getName(), message -> {
            calls.incrementAndGet();
            throw Refusal.conflict("ORDER_NOT_SHIPPABLE", "no");
        });
        assertThatThrownBy(() -> gateway.sendAndWait("ship")).isInstanceOf(Refusal.class);
        assertThat(calls).hasValue(1);
    }
}
