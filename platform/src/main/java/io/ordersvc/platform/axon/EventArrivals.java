package io.ordersvc.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The event store as the streaming processors' source, with one addition: their streams tell when new events have
 * arrived. Axon's embedded store cannot (with its shared read-ahead cache off, see AxonStorageConfig), so a pooled
 * processor that has caught up looks again only every 500 ms, and a tracking processor's thread sleeps out its whole
 * wait: half a second of projection lag or more. Here a processor is woken (its pooled coordinator called back, its
 * tracking thread notified) when a transaction of this instance that appended events has committed (on PostgreSQL
 * through {@link EventAnnouncer}, which tells every instance), and when PostgreSQL reports another instance's append
 * ({@link EventNotificationListener}).
 * <p>
 * The streams also skip reads that cannot find anything. A caught-up processor asks its stream several times per
 * appended event whether more is available (before and after each batch, and to peek), and every such question
 * on a drained stream was a query: about twenty per event across the processors, most of a command's database
 * work. A stream that came back empty asks the database again only once an arrival has been signalled since, or
 * when {@code recheck} has passed (in case a signal was lost). No arrival is missed: a signal comes after its
 * transaction committed, and the stream notes the signal count before it reads, so an append that its read could
 * not see signals afterwards and the next question reads again.
 * <p>
 * Nor does a stream read to learn that it has caught up. Each read that found nothing cost a query and Axon's gap
 * check, and every batch ended with one: a stream read until a read came back empty. PostgreSQL's notifications name
 * the highest position committed when they were sent ({@link EventAnnouncer}), so a stream that has read up to every
 * position named, and has heard of nothing since its last read began, knows there is nothing more ({@link ReadGate}).
 * <p>
 * And the streams share what they read: each processor reads every event, and each deserialized it on its own (and
 * opened its sealed personal data): five times per event, about a tenth of the JVM's samples under load. A stream now
 * hands out the message another stream read for the same position, under its own token, so an event's payload is
 * deserialized once ({@link SharedMessages}).
 */
public class EventArrivals implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final long UNNOTIFIED_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventStore store;
    private final long recheckNanos;
    private final long lingerNanos;
    /** Shared by every view {@link #lingering} makes: one arrival wakes the streams of all of them. */
    private final Set<Runnable> callbacks;
    private final AtomicLong signals;
    private final AtomicBoolean notified;
    private final SharedMessages shared;
    /** The highest position the database's notifications named; arrivals that named none are counted apart. */
    private final AtomicLong announced;
    private final AtomicLong unannounced;
    /** Who announces this instance's appends to every instance (null: nobody, as on H2). */
    private final AtomicReference<EventAnnouncer> announcer;
    /** Told of announcements and of what this view's streams hand out (the live projections' source only). */
    private volatile Watcher watcher = Watcher.NONE;

    /**
     * @param linger how long a caught-up tracking processor, woken by an arrival, waits for more before it reads: at
     *               8 clients a batch held one or two events, and each batch costs a transaction, a read and a token
     *               update per processor (bench/README.md)
     * @param keyChanges counts what changes how a stored event opens (the erasures this instance has heard of): a
     *                   message read before a change is not shared after it
     */
    public EventArrivals(EventStore store, Duration recheck, Duration linger, LongSupplier keyChanges) {
        this(store, recheck, linger, ConcurrentHashMap.newKeySet(), new AtomicLong(), new AtomicBoolean(),
                new SharedMessages(SharedMessages.SLOTS, keyChanges), new AtomicLong(), new AtomicLong(),
                new AtomicReference<>());
        // Subscribers are called while the appending unit of work prepares its commit: too early, the events are not
        // visible to other transactions yet. Wake the processors once it has committed.
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(u -> appendCommitted());
            } else {
                appendCommitted();
            }
        });
    }

    /**
     * Events this instance appended have committed: the announcer tells every instance, this one included (on
     * PostgreSQL); without one, or while it cannot, this instance's processors are woken here.
     */
    private void appendCommitted() {
        EventAnnouncer by = announcer.get();
        if (by == null || !by.announce()) {
            arrived();
        }
    }

    /** From now on appends committed here are announced by {@code by} (EventAnnouncer registers itself). */
    void announcedBy(EventAnnouncer by) {
        announcer.set(by);
    }

    private EventArrivals(EventStore store, Duration recheck, Duration linger, Set<Runnable> callbacks,
                          AtomicLong signals, AtomicBoolean notified, SharedMessages shared, AtomicLong announced,
                          AtomicLong unannounced, AtomicReference<EventAnnouncer> announcer) {
        this.announcer = announcer;
        this.store = store;
        this.recheckNanos = recheck.toNanos();
        this.lingerNanos = linger.toNanos();
        this.callbacks = callbacks;
        this.signals = signals;
        this.notified = notified;
        this.shared = shared;
        this.announced = announced;
        this.unannounced = unannounced;
    }

    /**
     * The same arrivals for processors that can wait longer for a batch: read models nobody polls right after a
     * command (stock figures, due dates the sweep reads every few seconds) gather more events per batch, and every
     * batch costs each processor thread a read, a transaction and a token update (bench/README.md).
     */
    public EventArrivals lingering(Duration linger) {
        // A view of its own: its streams are not watched (the watcher follows the live projections alone).
        return new EventArrivals(store, Duration.ofNanos(recheckNanos), linger, callbacks, signals, notified,
                shared, announced, unannounced, announcer);
    }

    /**
     * Tells {@code watcher} of every position the database's notifications announce, and of what this view's
     * streams open, hand out and close (ProjectionPace: how long announced appends wait for the live projections).
     */
    public EventArrivals watchedBy(Watcher watcher) {
        this.watcher = watcher;
        return this;
    }

    /**
     * While the database notifies every append, a lost signal would take a broken listening connection, which the
     * listener notices itself (it pings); without notifications (H2, or the listener reconnecting) streams look at
     * least every second.
     */
    private long recheckNanos() {
        return notified.get() ? recheckNanos : Math.min(recheckNanos, UNNOTIFIED_RECHECK_NANOS);
    }

    /** New events may be in the store, how far unknown: every open stream's processor looks now. */
    public void arrived() {
        unannounced.incrementAndGet();
        signal();
    }

    /** Events up to {@code position} were appended (a notification named it): every open stream looks now. */
    public void arrived(long position) {
        announced.accumulateAndGet(position, Math::max); // before the signal: a gate that sees it sees this too
        watcher.announced(position);
        signal();
    }

    private void signal() {
        signals.incrementAndGet();
        synchronized (signals) {
            signals.notifyAll();
        }
        callbacks.forEach(Runnable::run);
    }

    /**
     * Whether every committed append is announced to this instance (EventNotificationListener is listening): then a
     * stream that has read up to every position announced, and heard of nothing since, need not read again before
     * its recheck interval.
     */
    void databaseNotifies(boolean notifies) {
        this.notified.set(notifies);
    }

    int listeners() {
        return callbacks.size();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Stream(store.openStream(token), watcher);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final ReadGate gate = new ReadGate();
        private volatile Runnable callback;
        /** The signal count before the last read that found nothing; -1 when the last read found something. */
        private volatile long drainedAt = -1;
        private volatile long drainedSince;

        private final Watcher watcher;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Stream(BlockingStream<TrackedEventMessage<?>> delegate, Watcher watcher) {
            this.delegate = delegate;
            this.watcher = watcher;
            watcher.opened();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return hasNextAvailable() ? gate.around(delegate::peek) : Optional.empty();
        }

        /**
         * A tracking processor's thread waits here (a pooled coordinator asks without a timeout and relies on the
         * callback). The delegate is asked without waiting: on a drained stream Axon's embedded store would sleep out
         * the whole timeout, deaf to arrivals. Instead the thread waits for a signal, or until the recheck is due.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                if (!nothingNew()) {
                    long before = signals.get();
                    if (gate.around(() -> delegate.hasNextAvailable(0, TimeUnit.NANOSECONDS))) {
                        drainedAt = -1;
                        return true;
                    }
                    drainedAt = before;
                    drainedSince = System.nanoTime();
                }
                long now = System.nanoTime();
                if (deadline - now <= 0) {
                    return false;
                }
                if (awaitSignal(drainedAt, Math.min(deadline - now, drainedSince + recheckNanos() - now))
                        && lingerNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(lingerNanos, Math.max(0, deadline - System.nanoTime())));
                }
            }
        }

        /** Waits for a signal after {@code seen}; true if one came (not the end of the wait). */
        private boolean awaitSignal(long seen, long nanos) throws InterruptedException {
            long until = System.nanoTime() + nanos;
            synchronized (signals) {
                long left;
                while (signals.get() == seen && (left = until - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(signals, left);
                }
                return signals.get() != seen;
            }
        }

        /** Drained, nothing signalled since, and the recheck interval has not passed. */
        private boolean nothingNew() {
            return drainedAt == signals.get() && System.nanoTime() - drainedSince < recheckNanos();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = shared.share(gate.around(delegate::nextAvailable));
            if (next.trackingToken() != null) {
                next.trackingToken().position().ifPresent(watcher::read);
            }
            return next;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                watcher.closed();
            }
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            delegate.close();
        }
    }

    /**
     * Decides, for one stream, whether the storage engine's next read may be left out (the engine asks
     * {@link #current()} on the reading thread, see AxonStorageConfig). Left out only when every one of these holds:
     * <ul>
     * <li>the database notifies appends (no notification can be missed without the listener reconnecting, which is
     * an arrival that names no position);</li>
     * <li>no arrival of any kind since this stream's last read began: an append that read could not see is signalled
     * after it, whatever its position (a gap filled late included);</li>
     * <li>the stream has read up to the highest position any notification named: appends signalled before the last
     * read began, beyond what it could read in one go, are still ahead;</li>
     * <li>since the last arrival that named no position, a read has come back empty (the old way of knowing);</li>
     * <li>the recheck interval has not passed since the last read.</li>
     * </ul>
     */
    final class ReadGate {

        private static final ThreadLocal<ReadGate> CURRENT = new ThreadLocal<>();

        private long signalsAtRead = -1;
        private long unannouncedAtDrain = -1;
        private long readAt;

        /** The gate of the stream the current thread is reading, if any. */
        static ReadGate current() {
            return CURRENT.get();
        }

        /** Runs a call on the stream's delegate with this gate as the reading thread's. */
        <T, E extends Exception> T around(Call<T, E> call) throws E {
            ReadGate previous = CURRENT.get();
            CURRENT.set(this);
            try {
                return call.call();
            } finally {
                CURRENT.set(previous);
            }
        }

        /** Whether a read from {@code position} (the last one this stream handed out) must go to the database. */
        boolean mustRead(java.util.OptionalLong position) {
            long now = System.nanoTime();
            return !notified.get()
                    || signals.get() != signalsAtRead
                    || unannounced.get() != unannouncedAtDrain
                    || position.isEmpty() || position.getAsLong() < announced.get()
                    || now - readAt >= recheckNanos();
        }

        /** A read is about to run: what {@link #read} needs to know of its start. */
        Start reading() {
            return new Start(System.nanoTime(), signals.get(), unannounced.get());
        }

        /**
         * A read that began at {@code start} has returned: this stream's own, or one another stream made from the
         * same token that this stream takes over ({@link SharedReads}). What counts is when that read began: an
         * append it could not see was signalled after that, and makes the next question read again.
         */
        void read(Start start, boolean empty) {
            readAt = start.at();
            signalsAtRead = start.signals();
            if (empty) {
                unannouncedAtDrain = start.unannounced();
            }
        }
    }

    /** When a read began ({@link System#nanoTime}), and the signals and unannounced arrivals known then. */
    record Start(long at, long signals, long unannounced) {
    }

    @FunctionalInterface
    interface Call<T, E extends Exception> {
        T call() throws E;
    }

    /**
     * The messages the streams read lately, one slot per global position (a ring: a position further on takes the
     * slot over). A stream that reads a position another stream read hands out that stream's message under its own
     * token: the payload, deserialized once, is the same object for every processor (events are immutable records).
     * Not shared: a message read before {@code keyChanges} moved on (an erasure: read again, it opens erased), nor one
     * of another event (the slot's identifier differs).
     */
    static final class SharedMessages {

        /**
         * About four seconds of events at full load (250 a second on two cores): more than the longest linger between
         * the streams (analytics', 500 ms) and their batches. A slot keeps its message, payload and serialized bytes
         * alive until a later position takes it over. With 4,096 slots that was about eighteen seconds, long enough
         * for G1 to promote every event to the old generation: under load the old generation grew by 1.2-1.3 MB/s,
         * held the young one to a few megabytes and the collections came every 150-500 ms. With 1,024 it grew by
         * 0.16 MB/s, and the pauses in two minutes of load fell from 117 (2.0 s in all) to 38 (1.2 s); bench/README.md,
         * session 26.
         */
        static final int SLOTS = 1024;

        private record Slot(long position, TrackedEventMessage<?> message, long keyChanges) {
        }

        private final AtomicReferenceArray<Slot> slots;
        private final LongSupplier keyChanges;

        SharedMessages(int slots, LongSupplier keyChanges) {
            this.slots = new AtomicReferenceArray<>(slots);
            this.keyChanges = keyChanges;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        TrackedEventMessage<?> share(TrackedEventMessage<?> read) {
            if (!(read instanceof GenericTrackedDomainEventMessage<?>) || read.trackingToken() == null) {
                return read;
            }
            var at = read.trackingToken().position();
            if (at.isEmpty()) {
                return read;
            }
            long position = at.getAsLong();
            int index = (int) Math.floorMod(position, (long) slots.length());
            long changes = keyChanges.getAsLong();
            Slot slot = slots.get(index);
            if (slot != null && slot.position() == position && slot.keyChanges() == changes
                    && slot.message().getIdentifier().equals(read.getIdentifier())) {
                return ((GenericTrackedDomainEventMessage) slot.message()).withTrackingToken(read.trackingToken());
            }
            slots.set(index, new Slot(position, read, changes));
            return read;
        }
    }

    /** Follows how far the streams of one view have read against what the database announced. */
    public interface Watcher {

        Watcher NONE = new Watcher() {
        };

        /** A notification named {@code position} as the highest an append reached. */
        default void announced(long position) {
        }

        /** A stream handed out the event at {@code position}. */
        default void read(long position) {
        }

        /** A stream was opened. */
        default void opened() {
        }

        /** A stream was closed. */
        default void closed() {
        }
    }
}
