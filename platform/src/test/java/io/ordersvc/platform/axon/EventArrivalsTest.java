package io.ordersvc.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EventArrivalsTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).optimizeEventConsumption(false).build();
    private final EventArrivals arrivals = new EventArrivals(store);
    private final AtomicInteger woken = new AtomicInteger();

    @Test
    void a_stream_wakes_its_processor_once_the_appending_transaction_has_committed_not_before() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = arrivals.openStream(null);
        assertThat(stream.setOnAvailableCallback(woken::incrementAndGet)).isTrue();
        AtomicInteger wokenAtCommit = new AtomicInteger(-1);

        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("placed"));
        uow.onCommit(u -> wokenAtCommit.set(woken.get()));
        uow.commit();

        assertThat(wokenAtCommit.get()).isZero();
        assertThat(woken.get()).isEqualTo(1);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("placed");
    }

    @Test
    void a_rolled_back_append_wakes_nobody() {
        arrivals.openStream(null).setOnAvailableCallback(woken::incrementAndGet);

        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("placed"));
        uow.rollback();

        assertThat(woken.get()).isZero();
    }

    @Test
    void another_instances_append_wakes_every_open_stream_and_a_closed_stream_is_forgotten() {
        AtomicInteger other = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> first = arrivals.openStream(null);
        BlockingStream<TrackedEventMessage<?>> second = arrivals.openStream(null);
        first.setOnAvailableCallback(woken::incrementAndGet);
        second.setOnAvailableCallback(other::incrementAndGet);

        arrivals.arrived();
        second.close();
        arrivals.arrived();

        assertThat(woken.get()).isEqualTo(2);
        assertThat(other.get()).isEqualTo(1);
        assertThat(arrivals.listeners()).isEqualTo(1);
    }
}
