package io.ordersvc.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EventArrivalsTest {

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(engine).optimizeEventConsumption(false).build();
    private final EventArrivals arrivals = new EventArrivals(store, Duration.ofSeconds(1), Duration.ZERO, () -> 0);
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
    void an_announcer_that_cannot_announce_leaves_the_wake_up_to_the_commit_as_before() throws Exception {
        // Not started: no connection, so it cannot announce (EventNotificationsIT drives a connected one).
        new EventAnnouncer("jdbc:postgresql://127.0.0.1:1/none", null, null, arrivals, Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofSeconds(1));
        BlockingStream<TrackedEventMessage<?>> stream = arrivals.openStream(null);
        stream.setOnAvailableCallback(woken::incrementAndGet);

        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("placed"));
        uow.commit();

        assertThat(woken.get()).isEqualTo(1);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("placed");
    }

    @Test
    void only_the_first_append_while_nothing_is_pending_wakes_the_announcer_and_it_takes_the_rest_when_it_looks() {
        EventAnnouncer announcer = new EventAnnouncer("jdbc:postgresql://127.0.0.1:1/none", null, null, arrivals,
                Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofSeconds(1));

        assertThat(announcer.mark(false)).isTrue(); // it waits without a deadline: woken
        assertThat(announcer.mark(true)).isFalse(); // it waits for its interval's end, or is announcing: not woken
        assertThat(announcer.mark(false)).isFalse();
        assertThat(announcer.take().live()).isTrue(); // the second append's live wake-up is not lost

        assertThat(announcer.mark(false)).isTrue(); // nothing pending after it looked: woken again
        assertThat(announcer.take().live()).isFalse();
    }

    /**
     * Opens a stream of the live view (its wake-ups counted in {@code woken}), then commits a unit of work that
     * appends an event and whose transaction recorded these positions, as CommandTransactions records each append's
     * (a flushed one's and the rest) at its commit.
     */
    private BlockingStream<TrackedEventMessage<?>> aStreamThenACommitThatRecorded(long... positions) {
        BlockingStream<TrackedEventMessage<?>> stream = arrivals.openStream(null);
        stream.setOnAvailableCallback(woken::incrementAndGet);
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("placed"));
        uow.onCommit(u -> {
            for (long position : positions) {
                CommittedAppends.record(position);
            }
        });
        uow.commit();
        return stream;
    }

    @Test
    void a_commit_that_told_its_positions_wakes_the_streams_once_naming_the_highest() {
        BlockingStream<TrackedEventMessage<?>> stream = aStreamThenACommitThatRecorded(41, 42, 7);

        assertThat(woken.get()).isEqualTo(1);
        assertThat(arrivals.namedPosition()).isEqualTo(42);
        stream.close();
    }

    /** An announcer whose connection is up: it records what it was asked to announce and sends nothing. */
    private java.util.List<Boolean> announcing() {
        java.util.List<Boolean> asked = new java.util.ArrayList<>();
        new EventAnnouncer("jdbc:postgresql://127.0.0.1:1/none", null, null, arrivals, Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofSeconds(1)) {
            @Override
            boolean announce(boolean live) {
                asked.add(live);
                return true;
            }
        };
        return asked;
    }

    /**
     * Opens a stream of the live view (its wake-ups counted in {@code woken}) and one of a lingering view (in
     * {@code lingeringWoken}), then begins a unit of work that appends an event.
     */
    private DefaultUnitOfWork<?> liveAndLingeringStreamsThenAnAppend(AtomicInteger lingeringWoken) {
        arrivals.openStream(null).setOnAvailableCallback(woken::incrementAndGet);
        arrivals.lingering(Duration.ofMillis(100)).openStream(null)
                .setOnAvailableCallback(lingeringWoken::incrementAndGet);
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("placed"));
        return uow;
    }

    @Test
    void a_commit_that_told_its_positions_wakes_the_live_streams_at_once_and_the_lingering_ones_by_the_announcement() {
        java.util.List<Boolean> asked = announcing();
        AtomicInteger lingeringWoken = new AtomicInteger();
        DefaultUnitOfWork<?> uow = liveAndLingeringStreamsThenAnAppend(lingeringWoken);
        uow.onCommit(u -> CommittedAppends.record(42));
        uow.commit();

        assertThat(woken.get()).isEqualTo(1);
        assertThat(arrivals.namedPosition()).isEqualTo(42);
        // Woken by every commit, the lingering processors would read after every batch, and apart from each other.
        assertThat(lingeringWoken.get()).isZero();
        assertThat(asked).containsExactly(false); // the announcement need not wake the live ones again

        arrivals.announcedHere(42, false);
        assertThat(lingeringWoken.get()).isEqualTo(1);
        assertThat(woken.get()).isEqualTo(1);
    }

    @Test
    void a_commit_that_did_not_tell_its_positions_leaves_every_stream_to_the_announcement() {
        java.util.List<Boolean> asked = announcing();
        AtomicInteger lingeringWoken = new AtomicInteger();
        DefaultUnitOfWork<?> uow = liveAndLingeringStreamsThenAnAppend(lingeringWoken);
        uow.commit();

        assertThat(asked).containsExactly(true);
        assertThat(woken.get()).isZero();
        arrivals.announcedHere(7, true);
        assertThat(woken.get()).isEqualTo(1);
        assertThat(lingeringWoken.get()).isEqualTo(1);
        assertThat(arrivals.namedPosition()).isEqualTo(7);
    }

    @Test
    void a_commit_with_an_append_that_did_not_tell_its_positions_names_none() {
        BlockingStream<TrackedEventMessage<?>> stream = aStreamThenACommitThatRecorded(42,
                DeferredWrites.Closed.UNKNOWN, 43);

        assertThat(woken.get()).isEqualTo(1);
        assertThat(arrivals.namedPosition()).isZero(); // the stream reads until a read comes back empty
        stream.close();
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

    @Test
    void a_drained_stream_reads_again_only_after_an_arrival_is_signalled() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        InMemoryEventStorageEngine countedEngine = new InMemoryEventStorageEngine() {
            @Override
            public java.util.stream.Stream<? extends TrackedEventMessage<?>> readEvents(
                    org.axonframework.eventhandling.TrackingToken token, boolean mayBlock) {
                reads.incrementAndGet();
                return super.readEvents(token, mayBlock);
            }
        };
        EmbeddedEventStore counted = EmbeddedEventStore.builder().storageEngine(countedEngine)
                .optimizeEventConsumption(false).build();
        EventArrivals gated = new EventArrivals(counted, Duration.ofHours(1), Duration.ZERO, () -> 0);
        BlockingStream<TrackedEventMessage<?>> stream = gated.openStream(null);

        assertThat(stream.hasNextAvailable()).isFalse();
        int afterFirstLook = reads.get();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.peek()).isEmpty();
        assertThat(reads.get()).isEqualTo(afterFirstLook);

        // Appended by another instance (straight to the storage, past this instance's store): invisible to this
        // instance until the database's notification arrives.
        gated.databaseNotifies(true);
        countedEngine.appendEvents(GenericEventMessage.asEventMessage("elsewhere"));
        assertThat(stream.hasNextAvailable()).isFalse();

        gated.arrived();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("elsewhere");
    }

    @Test
    void a_drained_stream_reads_again_after_the_recheck_interval_even_without_a_signal() throws Exception {
        EventArrivals impatient = new EventArrivals(store, Duration.ZERO, Duration.ZERO, () -> 0);
        impatient.databaseNotifies(true);
        BlockingStream<TrackedEventMessage<?>> stream = impatient.openStream(null);
        assertThat(stream.hasNextAvailable()).isFalse();

        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("unsignalled"));
        uow.commit();

        assertThat(stream.hasNextAvailable()).isTrue();
    }

    @Test
    void a_tracking_thread_waiting_for_events_is_woken_by_an_arrival_not_by_its_timeout() throws Exception {
        EventArrivals gated = new EventArrivals(store, Duration.ofHours(1), Duration.ZERO, () -> 0);
        gated.databaseNotifies(true);
        BlockingStream<TrackedEventMessage<?>> stream = gated.openStream(null);
        assertThat(stream.hasNextAvailable(20, TimeUnit.MILLISECONDS)).isFalse();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("awaited"));
        uow.commit();
        gated.arrived();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("awaited");
    }

    @Test
    void a_lingering_view_shares_the_arrivals_and_waits_its_linger_before_it_reads() throws Exception {
        EventArrivals gated = new EventArrivals(store, Duration.ofHours(1), Duration.ZERO, () -> 0);
        EventArrivals lingering = gated.lingering(Duration.ofMillis(200));
        gated.databaseNotifies(true);
        BlockingStream<TrackedEventMessage<?>> stream = lingering.openStream(null);
        stream.setOnAvailableCallback(woken::incrementAndGet);
        assertThat(stream.hasNextAvailable()).isFalse();

        // Appended by another instance: nothing wakes the view before the database's notification.
        engine.appendEvents(GenericEventMessage.asEventMessage("batched"));
        assertThat(woken.get()).isZero();
        assertThat(stream.hasNextAvailable()).isFalse();

        assertThat(lingeredAfterArrival(gated, stream, TimeUnit.HOURS.toMillis(1))).isGreaterThanOrEqualTo(200);
        assertThat(woken.get()).isEqualTo(1);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("batched");
    }

    @Test
    void a_lingering_view_lingers_its_whole_linger_even_when_the_processor_asked_for_a_shorter_wait() throws Exception {
        EventArrivals gated = new EventArrivals(store, Duration.ofHours(1), Duration.ZERO, () -> 0);
        EventArrivals lingering = gated.lingering(Duration.ofMillis(600));
        gated.databaseNotifies(true);
        BlockingStream<TrackedEventMessage<?>> stream = lingering.openStream(null);
        assertThat(stream.hasNextAvailable()).isFalse();
        engine.appendEvents(GenericEventMessage.asEventMessage("batched"));

        // A processor's wait (200 ms in the service) is shorter than a background linger (500 ms for analytics).
        assertThat(lingeredAfterArrival(gated, stream, 300)).isGreaterThanOrEqualTo(600);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("batched");
    }

    /**
     * A tracking thread asks the stream to wait up to {@code waitMillis}; once it waits, an arrival is signalled. The
     * stream must answer that events are available: how long after the arrival it answered, in ms.
     */
    private static long lingeredAfterArrival(EventArrivals gated, BlockingStream<TrackedEventMessage<?>> stream,
                                             long waitMillis) throws Exception {
        CompletableFuture<Long> answered = new CompletableFuture<>();
        Thread tracking = new Thread(() -> {
            try {
                assertThat(stream.hasNextAvailable((int) waitMillis, TimeUnit.MILLISECONDS)).isTrue();
                answered.complete(System.nanoTime());
            } catch (Throwable e) {
                answered.completeExceptionally(e);
            }
        });
        tracking.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tracking.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        long arrived = System.nanoTime();
        gated.arrived();
        return TimeUnit.NANOSECONDS.toMillis(answered.get(10, TimeUnit.SECONDS) - arrived);
    }

    /** What a stream read at a position, with a payload that counts who asks it (as a deserialization would run). */
    private static TrackedEventMessage<?> read(long position, String id, AtomicInteger asked) {
        var payload = new org.axonframework.messaging.GenericMessage<Object>(id, "placed",
                org.axonframework.messaging.MetaData.emptyInstance()) {
            @Override
            public Object getPayload() {
                asked.incrementAndGet();
                return super.getPayload();
            }
        };
        return new org.axonframework.eventhandling.GenericTrackedDomainEventMessage<>(
                new org.axonframework.eventhandling.GlobalSequenceTrackingToken(position), "Order", "o-1", 0, payload,
                java.time.Instant::now);
    }

    @Test
    void a_stream_hands_out_the_message_another_stream_read_at_the_same_position_under_its_own_token() {
        var shared = new EventArrivals.SharedMessages(16, () -> 0);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        TrackedEventMessage<?> byFirst = shared.share(read(7, "e-7", first));
        TrackedEventMessage<?> secondRead = read(7, "e-7", second);
        TrackedEventMessage<?> bySecond = shared.share(secondRead);

        assertThat(byFirst.getPayload()).isEqualTo("placed");
        assertThat(bySecond.getPayload()).isEqualTo("placed");
        assertThat(bySecond.getIdentifier()).isEqualTo("e-7");
        assertThat(bySecond.trackingToken()).isSameAs(secondRead.trackingToken());
        assertThat(bySecond).isInstanceOf(org.axonframework.eventhandling.DomainEventMessage.class);
        assertThat(first.get()).isEqualTo(2); // both payloads came from the first read
        assertThat(second.get()).isZero();
    }

    @Test
    void a_message_read_before_an_erasure_or_of_another_event_is_not_shared() {
        AtomicInteger erasures = new AtomicInteger();
        var shared = new EventArrivals.SharedMessages(16, erasures::get);
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger wrapped = new AtomicInteger();
        shared.share(read(3, "e-3", before));
        erasures.incrementAndGet();
        shared.share(read(3, "e-3", after)).getPayload();
        shared.share(read(19, "e-19", other)).getPayload(); // the same slot of 16, a later position
        shared.share(read(19, "e-19-elsewhere", wrapped)).getPayload(); // the same position, another event

        assertThat(before.get()).isZero();
        assertThat(after.get()).isEqualTo(1);
        assertThat(other.get()).isEqualTo(1);
        assertThat(wrapped.get()).isEqualTo(1);
    }

    @Test
    void a_stream_that_read_up_to_every_named_position_and_heard_nothing_since_does_not_read_again() {
        EventArrivals notified = notifying();
        EventArrivals.ReadGate gate = notified.new ReadGate();
        TrackingToken at5 = at(5);
        TrackingToken at7 = at(7);
        assertThat(gate.mustRead(at5)).as("never read").isTrue();
        gate.read(gate.reading(), EventArrivals.ReadGate.NOTHING);
        assertThat(gate.mustRead(at5)).as("drained, nothing since").isFalse();

        notified.arrived(7);
        assertThat(gate.mustRead(at5)).as("an arrival since").isTrue();
        gate.read(gate.reading(), 7);
        assertThat(gate.mustRead(at7)).as("read up to what was named, nothing since").isFalse();
        assertThat(gate.mustRead(at5)).as("stopped short of what was named").isTrue();

        notified.arrived(6); // a lower position committed late (a gap)
        assertThat(gate.mustRead(at(7, 6))).isTrue();
        gate.read(gate.reading(), 7);
        assertThat(gate.mustRead(at7)).isFalse();

        notified.arrived(); // an arrival that names no position (the listener reconnected)
        gate.read(gate.reading(), 7);
        assertThat(gate.mustRead(at7)).as("until a read comes back empty").isTrue();
        gate.read(gate.reading(), EventArrivals.ReadGate.NOTHING);
        assertThat(gate.mustRead(at7)).isFalse();
        assertThat(gate.mustRead(null)).as("no position yet").isTrue();

        notified.databaseNotifies(false);
        assertThat(gate.mustRead(at7)).as("without notifications every read goes").isTrue();
    }

    @Test
    void a_read_that_found_events_no_arrival_named_is_followed_by_another_until_one_finds_none_beyond() {
        EventArrivals notified = notifying();
        EventArrivals.ReadGate gate = drained(notified.new ReadGate());
        notified.arrived(7);
        gate.read(gate.reading(), 7);
        assertThat(gate.mustRead(at(7))).as("read up to what was named").isFalse();

        // Appends nobody announced (another process's, or while an announcer was down), found by a read: a batch
        // that ends past every named position may have more behind it.
        gate.read(gate.reading(), 107);
        assertThat(gate.mustRead(at(107))).as("found events beyond what was named").isTrue();
        gate.read(gate.reading(), 207);
        assertThat(gate.mustRead(at(207))).isTrue();
        gate.read(gate.reading(), EventArrivals.ReadGate.NOTHING);
        assertThat(gate.mustRead(at(207))).as("until a read finds nothing").isFalse();
        notified.arrived(300);
        gate.read(gate.reading(), 300);
        assertThat(gate.mustRead(at(300))).as("named again, nothing beyond").isFalse();
    }

    @Test
    void an_arrival_signalled_during_a_read_that_saw_its_commit_does_not_make_the_stream_read_again() {
        EventArrivals notified = notifying();
        EventArrivals.ReadGate gate = drained(notified.new ReadGate());
        EventArrivals.Start start = gate.reading();
        // Commits this instance made, told of after the read began: their events took up to 7 and up to 9.
        notified.appendCommitted(7);
        notified.appendCommitted(9);
        gate.read(start, 9);

        assertThat(gate.mustRead(at(9))).as("the read saw both commits").isFalse();
        assertThat(gate.mustRead(at(9, 5))).as("a gap below them is not theirs").isFalse();
        assertThat(gate.mustRead(at(9, 7))).as("the commit that took 7 was not visible yet").isTrue();
        assertThat(gate.mustRead(at(8))).as("nor the one that took 9").isTrue();
        assertThat(gate.mustRead(at(9, 3, 8))).isFalse();

        gate.read(gate.reading(), 9);
        notified.arrived(9); // a notification names the head: any commit up to it, a gap's one among them
        assertThat(gate.mustRead(at(9))).isFalse();
        assertThat(gate.mustRead(at(9, 8))).isTrue();
        assertThat(gate.mustRead(at(9, 5))).as("a gap below the head").isTrue();
        assertThat(gate.mustRead(at(10, 9))).isTrue();
        assertThat(gate.mustRead(at(11, 10))).as("only a gap above it").isFalse();
    }

    @Test
    void a_stream_reads_again_when_the_arrivals_since_its_read_are_no_longer_kept_or_name_no_position() {
        EventArrivals notified = notifying();
        EventArrivals.ReadGate gate = drained(notified.new ReadGate());
        EventArrivals.Start start = gate.reading();
        for (int i = 1; i <= 600; i++) {
            notified.appendCommitted(i);
        }
        gate.read(start, 600);
        assertThat(gate.mustRead(at(600))).as("more arrivals than are kept").isTrue();
        gate.read(gate.reading(), 600);
        assertThat(gate.mustRead(at(600))).isFalse();

        EventArrivals.Start before = gate.reading();
        notified.announcedHere(0, true); // an announcement that could not read the head
        gate.read(before, 600);
        assertThat(gate.mustRead(at(600))).isTrue();
    }

    @Test
    void an_arrival_for_the_other_view_alone_does_not_make_a_stream_read_again() {
        EventArrivals notified = notifying();
        EventArrivals.ReadGate live = drained(notified.new ReadGate());
        EventArrivals.ReadGate lingering = drained(notified.lingering(Duration.ofMillis(100)).new ReadGate());
        notified.arrived(3);
        live.read(live.reading(), 3);
        lingering.read(lingering.reading(), 3);

        // The lingering views' wake-up for appends the live view heard of: a head, and the gap at 2 may be one.
        notified.announcedHere(3, false);
        assertThat(live.mustRead(at(3, 2))).isFalse();
        assertThat(lingering.mustRead(at(3, 2))).isTrue();
    }

    @Test
    void without_reads_for_the_recheck_interval_a_stream_reads_again() {
        EventArrivals impatient = new EventArrivals(store, Duration.ZERO, Duration.ZERO, () -> 0);
        impatient.databaseNotifies(true);
        EventArrivals.ReadGate gate = impatient.new ReadGate();
        gate.read(gate.reading(), EventArrivals.ReadGate.NOTHING);
        assertThat(gate.mustRead(at(1))).isTrue();
    }

    /** Arrivals whose database notifies every append, rechecked hourly: the gate alone decides. */
    private EventArrivals notifying() {
        EventArrivals notified = new EventArrivals(store, Duration.ofHours(1), Duration.ZERO, () -> 0);
        notified.databaseNotifies(true);
        return notified;
    }

    /** {@code gate} after a read that found nothing. */
    private static EventArrivals.ReadGate drained(EventArrivals.ReadGate gate) {
        gate.read(gate.reading(), EventArrivals.ReadGate.NOTHING);
        return gate;
    }

    /** The token of a read that reached {@code index} with {@code gaps} still open. */
    private static TrackingToken at(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, java.util.Arrays.stream(gaps).boxed().toList());
    }

    @Test
    void an_append_notification_names_its_highest_position_or_none() {
        assertThat(EventNotificationListener.appendedUpTo("1234")).isEqualTo(1234);
        assertThat(EventNotificationListener.appendedUpTo("")).isZero();
        assertThat(EventNotificationListener.appendedUpTo(null)).isZero();
        assertThat(EventNotificationListener.appendedUpTo("x")).isZero();
    }

    @Test
    void a_watched_view_reports_announcements_and_what_its_streams_open_hand_out_and_close_a_lingering_one_does_not()
            throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        arrivals.watchedBy(new EventArrivals.Watcher() {
            @Override
            public void announced(long position) {
                seen.add("announced " + position);
            }

            @Override
            public void read(long position) {
                seen.add("read " + position);
            }

            @Override
            public void opened() {
                seen.add("opened");
            }

            @Override
            public void closed() {
                seen.add("closed");
            }
        });
        EventArrivals lingering = arrivals.lingering(Duration.ofMillis(100));
        BlockingStream<TrackedEventMessage<?>> background = lingering.openStream(null);
        BlockingStream<TrackedEventMessage<?>> live = arrivals.openStream(null);
        store.publish(GenericEventMessage.asEventMessage("placed"), GenericEventMessage.asEventMessage("paid"));
        arrivals.arrived(1);

        assertThat(background.hasNextAvailable()).isTrue();
        background.nextAvailable();
        background.close();
        assertThat(live.hasNextAvailable()).isTrue();
        live.nextAvailable();
        live.nextAvailable();
        live.close();
        live.close();

        assertThat(seen).containsExactly("opened", "announced 1", "read 0", "read 1", "closed");
    }
}
