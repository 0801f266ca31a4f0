package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

class SharedReadsTest {

    private final EventArrivals arrivals = new EventArrivals(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).optimizeEventConsumption(false).build(),
            Duration.ofHours(1), Duration.ZERO, () -> 0);
    private final SharedReads shared = new SharedReads(Duration.ofHours(1));
    private final AtomicInteger storeReads = new AtomicInteger();
    private final List<TrackedEventData<?>> two = List.of(mock(TrackedEventData.class), mock(TrackedEventData.class));

    @BeforeEach
    void notified() {
        arrivals.databaseNotifies(true);
    }

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    private Supplier<List<? extends TrackedEventData<?>>> store(List<TrackedEventData<?>> events) {
        return () -> {
            storeReads.incrementAndGet();
            return events;
        };
    }

    @Test
    void streams_asking_for_the_same_read_at_once_get_one_read_of_the_store() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<? extends TrackedEventData<?>>> first = CompletableFuture.supplyAsync(() ->
                shared.read(at(5), 100, arrivals.new ReadGate(), () -> {
                    storeReads.incrementAndGet();
                    await(release);
                    return two;
                }));
        while (storeReads.get() == 0) {
            Thread.onSpinWait();
        }
        CompletableFuture<List<? extends TrackedEventData<?>>> second = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            second.complete(shared.read(at(5), 100, arrivals.new ReadGate(), store(List.of())));
        });
        other.start();
        while (other.getState() != Thread.State.WAITING) { // parked on the first stream's read
            Thread.onSpinWait();
        }
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(two);
        assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first.get());
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void a_read_that_found_events_is_handed_on_for_its_token_and_batch_size_only() {
        var read = shared.read(at(5), 100, arrivals.new ReadGate(), store(two));

        assertThat(shared.read(at(5), 100, arrivals.new ReadGate(), store(List.of()))).isSameAs(read);
        assertThat(storeReads).hasValue(1);
        shared.read(at(6), 100, arrivals.new ReadGate(), store(two));
        shared.read(at(5), 50, arrivals.new ReadGate(), store(two));
        shared.read(GapAwareTrackingToken.newInstance(5, Set.of(4L)), 100, arrivals.new ReadGate(), store(two));
        assertThat(storeReads).hasValue(4);
    }

    @Test
    void a_read_older_than_the_keep_is_read_again() {
        SharedReads brief = new SharedReads(Duration.ofNanos(1)); // older than that by the next question
        brief.read(at(5), 100, arrivals.new ReadGate(), store(two));
        brief.read(at(5), 100, arrivals.new ReadGate(), store(two));

        assertThat(storeReads).hasValue(2);
        assertThat(brief.held()).as("the old read is forgotten, the new one held").isEqualTo(1);
    }

    @Test
    void a_read_that_found_nothing_is_not_kept() {
        assertThat(shared.read(at(5), 100, arrivals.new ReadGate(), store(List.of()))).isEmpty();
        shared.read(at(5), 100, arrivals.new ReadGate(), store(two));

        assertThat(storeReads).hasValue(2);
    }

    @Test
    void a_read_that_failed_is_the_failing_streams_and_the_next_stream_reads_itself() {
        assertThatThrownBy(() -> shared.read(at(5), 100, arrivals.new ReadGate(), () -> {
            throw new IllegalStateException("connection lost");
        })).hasMessage("connection lost");

        assertThat(shared.read(at(5), 100, arrivals.new ReadGate(), store(two))).isEqualTo(two);
        assertThat(storeReads).hasValue(1);
        assertThat(shared.held()).isEqualTo(1);
    }

    @Test
    void a_stream_that_takes_over_a_read_reads_again_for_an_append_signalled_after_that_read_began() {
        EventArrivals.ReadGate reader = arrivals.new ReadGate();
        EventArrivals.ReadGate taker = arrivals.new ReadGate();
        EventArrivals.ReadGate own = arrivals.new ReadGate();
        for (EventArrivals.ReadGate gate : List.of(reader, taker, own)) {
            gate.read(gate.reading(), EventArrivals.ReadGate.NOTHING); // each had drained its stream
        }
        arrivals.arrived(7);
        shared.read(at(5), 100, reader, store(two)); // read up to 7
        arrivals.arrived(6); // a gap filled after that read began: the read could not see it

        shared.read(at(5), 100, taker, store(List.of()));
        new SharedReads(Duration.ofHours(1)).read(at(5), 100, own, store(two));

        TrackingToken missing6 = GapAwareTrackingToken.newInstance(7, Set.of(6L));
        assertThat(taker.mustRead(missing6)).as("the read it took began before the arrival").isTrue();
        assertThat(own.mustRead(missing6)).as("its own read began after it").isFalse();
        assertThat(reader.mustRead(missing6)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
