package io.ordersvc.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
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
 * tracking thread notified) when a transaction of this instance that appended events has committed (naming the
 * position they took when the commit returned it, see {@link CommittedAppends}; {@link EventAnnouncer} tells the
 * other instances), and when PostgreSQL reports another instance's append ({@link EventNotificationListener}).
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
 * the highest position committed when they were sent ({@link EventAnnouncer}), a command's commit the highest its
 * events took, so a stream that has read up to every position named, and has heard of nothing since its last read
 * began that the read could have missed, knows there is nothing more ({@link ReadGate}).
 * <p>
 * And the streams share what they read: each processor reads every event, and each deserialized it on its own (and
 * opened its sealed personal data): five times per event, about a tenth of the JVM's samples under load. A stream now
 * hands out the message another stream read for the same position, under its own token, so an event's payload is
 * deserialized once ({@link SharedMessages}).
 */
public class EventArrivals implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final long UNNOTIFIED_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A unit of work's resource: its wake-up after the commit is registered. */
    private static final String WAKE_UP = EventArrivals.class.getName() + ".wakeUp";

    private final EventStore store;
    private final long recheckNanos;
    private final long lingerNanos;
    /** Shared by every view {@link #lingering} makes: an arrival wakes the streams of all of them, or of one kind. */
    private final Signals signals;
    /** The live view (the short linger, the projections clients read right after a command), not a lingering one. */
    private final boolean live;
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
        this(store, recheck, linger, new Signals(), true, new AtomicBoolean(),
                new SharedMessages(SharedMessages.SLOTS, keyChanges), new AtomicLong(), new AtomicLong(),
                new AtomicReference<>());
        // Subscribers are called while the appending unit of work prepares its commit: too early, the events are not
        // visible to other transactions yet. Wake the processors once it has committed (once per unit of work).
        store.subscribe(events -> {
            if (!CurrentUnitOfWork.isStarted()) {
                appendCommitted(0);
            } else if (CurrentUnitOfWork.get().root().resources().putIfAbsent(WAKE_UP, Boolean.TRUE) == null) {
                CurrentUnitOfWork.get().root().afterCommit(u -> appendCommitted(CommittedAppends.of(u)));
            }
        });
    }

    /**
     * Events this instance appended have committed, up to {@code position} (0: not known). Known (a command's
     * commit on PostgreSQL returns it), it wakes this instance's live processors at once, naming it: waiting for the
     * announcement cost them up to its interval (20 ms). The announcer tells the other instances and, with its
     * answer, this instance's lingering processors: woken by every commit they would read after every batch, in
     * smaller batches, and no longer share their reads with each other (session 40: three times the event reads).
     * Not known, the announcer tells every instance and every processor of this one; without one, or while it
     * cannot, this instance's processors are woken here.
     */
    void appendCommitted(long position) {
        EventAnnouncer by = announcer.get();
        if (position > 0 && by != null && by.announce(false)) {
            named(position, true);
            signals.signal(true, false, position, true);
        } else if (position > 0) {
            named(position, true);
            signals.signal(true, true, position, true);
        } else if (by == null || !by.announce(true)) {
            arrived();
        }
    }

    /**
     * The announcer's answer: the store's head was {@code head} (0: not known) when it announced this instance's
     * appends. It wakes the lingering processors, and the live ones too when {@code live} (an append whose commit
     * did not wake them).
     */
    void announcedHere(long head, boolean live) {
        if (head > 0) {
            named(head, live);
        } else {
            unannounced.incrementAndGet();
        }
        signals.signal(live, true, head, false);
    }

    /** From now on appends committed here are announced by {@code by} (EventAnnouncer registers itself). */
    void announcedBy(EventAnnouncer by) {
        announcer.set(by);
    }

    private EventArrivals(EventStore store, Duration recheck, Duration linger, Signals signals, boolean live,
                          AtomicBoolean notified, SharedMessages shared, AtomicLong announced,
                          AtomicLong unannounced, AtomicReference<EventAnnouncer> announcer) {
        this.announcer = announcer;
        this.store = store;
        this.recheckNanos = recheck.toNanos();
        this.lingerNanos = linger.toNanos();
        this.signals = signals;
        this.live = live;
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
        return new EventArrivals(store, Duration.ofNanos(recheckNanos), linger, signals, false, notified,
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

    /** The highest position an arrival has named so far (0: none): what this instance's streams know is stored. */
    public long namedPosition() {
        return announced.get();
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
        signals.signal(true, true, 0, false);
    }

    /**
     * Events up to {@code position} were appended (a notification named the store's head then, which may be past
     * events still uncommitted below it): every open stream looks now.
     */
    public void arrived(long position) {
        named(position, true);
        signals.signal(true, true, position, false);
    }

    /**
     * Appends up to {@code position} were named, before the signal that tells of them (a gate that sees the signal
     * sees this too); the watcher is told when {@code watched}.
     */
    private void named(long position, boolean watched) {
        announced.accumulateAndGet(position, Math::max);
        if (watched) {
            watcher.announced(position);
        }
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
        return signals.callbacks(true).size() + signals.callbacks(false).size();
    }

    /**
     * The arrivals signalled so far, as the views count them: those for every view, those for the live view alone,
     * those for the lingering views alone. Each view sees the first and its own; a stream compares its view's sum
     * with the sum it saw before (the counts only grow). Waiting streams wait on this object.
     * <p>
     * The latest arrivals are also kept, numbered in the order they were signalled, with the position each named: a
     * stream's {@link ReadGate} looks through those signalled since its last read began for one its next read could
     * find.
     */
    private static final class Signals {
        /** How many of the latest arrivals are kept: at full load a stream reads every few dozen of them. */
        static final int KEPT = 512;

        private final AtomicLong every = new AtomicLong();
        private final AtomicLong live = new AtomicLong();
        private final AtomicLong lingering = new AtomicLong();
        private final AtomicLong numbered = new AtomicLong();
        private final AtomicReferenceArray<Arrival> latest = new AtomicReferenceArray<>(KEPT);
        private final Set<Runnable> liveCallbacks = ConcurrentHashMap.newKeySet();
        private final Set<Runnable> lingeringCallbacks = ConcurrentHashMap.newKeySet();

        /**
         * An arrival for the live view's streams, the lingering views' streams, or both, naming {@code position} (0:
         * none): the highest position one commit's events took when {@code exact}, else the store's head then.
         */
        void signal(boolean toLive, boolean toLingering, long position, boolean exact) {
            if (!toLive && !toLingering) {
                return;
            }
            long number = numbered.incrementAndGet();
            latest.set((int) (number % KEPT), new Arrival(number, toLive, toLingering, position, exact));
            if (toLive && toLingering) {
                every.incrementAndGet();
            } else if (toLive) {
                live.incrementAndGet();
            } else {
                lingering.incrementAndGet();
            }
            synchronized (this) {
                notifyAll();
            }
            if (toLive) {
                liveCallbacks.forEach(Runnable::run);
            }
            if (toLingering) {
                lingeringCallbacks.forEach(Runnable::run);
            }
        }

        long seenBy(boolean liveView) {
            return every.get() + (liveView ? live.get() : lingering.get());
        }

        Set<Runnable> callbacks(boolean liveView) {
            return liveView ? liveCallbacks : lingeringCallbacks;
        }

        /** How many arrivals have been signalled so far (to any view). */
        long numbered() {
            return numbered.get();
        }

        /**
         * Whether a read from {@code from} may find events of the arrivals a stream of the live view (or of a
         * lingering one) has been signalled after the first {@code since}: true when one of them names no position,
         * or one the read could find, or is no longer kept (nor yet, while its signal is under way).
         */
        boolean mayHaveMore(long since, boolean liveView, GapAwareTrackingToken from) {
            long upTo = numbered.get();
            if (upTo - since > KEPT) {
                return true;
            }
            for (long number = since + 1; number <= upTo; number++) {
                Arrival arrival = latest.get((int) (number % KEPT));
                if (arrival == null || arrival.number() != number) {
                    return true;
                }
                if ((liveView ? arrival.toLive() : arrival.toLingering()) && arrival.mayBeAfter(from)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One signalled arrival: its number, the views it was for, and the position it named. */
    private record Arrival(long number, boolean toLive, boolean toLingering, long position, boolean exact) {

        /**
         * Whether a read from {@code from} could find events this arrival told of: a read finds the positions past
         * the token's index and its gaps, nothing else. One commit's events become visible together, so when its
         * highest position is neither past the index nor a gap, the read that took the token past it saw them all.
         * A head names no commit: any gap at or below it may be one of the commits it tells of.
         */
        boolean mayBeAfter(GapAwareTrackingToken from) {
            if (position <= 0 || position > from.getIndex()) {
                return true;
            }
            return exact ? from.getGaps().contains(position)
                    : !from.getGaps().isEmpty() && from.getGaps().first() <= position;
        }
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
                signals.callbacks(live).remove(previous);
            }
            this.callback = callback;
            signals.callbacks(live).add(callback);
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
         * Woken, it lingers its whole linger even past the timeout: the processors' wait (SteadyInvokers.Module) is
         * shorter than the background processors' lingers, and would otherwise cut each of their batches short.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                if (!nothingNew()) {
                    long before = signals.seenBy(live);
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
                    TimeUnit.NANOSECONDS.sleep(lingerNanos);
                }
            }
        }

        /** Waits for a signal after {@code seen}; true if one came (not the end of the wait). */
        private boolean awaitSignal(long seen, long nanos) throws InterruptedException {
            long until = System.nanoTime() + nanos;
            synchronized (signals) {
                long left;
                while (signals.seenBy(live) == seen && (left = until - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(signals, left);
                }
                return signals.seenBy(live) != seen;
            }
        }

        /** Drained, nothing signalled since, and the recheck interval has not passed. */
        private boolean nothingNew() {
            return drainedAt == signals.seenBy(live) && System.nanoTime() - drainedSince < recheckNanos();
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
                signals.callbacks(live).remove(current);
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
     * <li>no arrival since this stream's last read began that names no position, or one the next read could find
     * (past the token's index, or one of its gaps): an append that read could not see is signalled after it began
     * (a gap filled late included). An arrival signalled after the read began may be of a commit the read saw all the
     * same (it committed before the read's snapshot, and told of it after): at 32 clients 37 % of the reads found
     * nothing, each followed by Axon's gap check (session 60). Such an arrival does not count;</li>
     * <li>the stream has read up to the highest position any notification named: appends signalled before the last
     * read began, beyond what it could read in one go, are still ahead;</li>
     * <li>the last read found nothing beyond that position: events no arrival named (appended by a process that does
     * not announce, or while an instance's announcer was down) may go on past what one read takes, and until one
     * comes back without such events each read is followed by another, not by the recheck interval (a store
     * filled that way was read one batch per interval: 100 events every 10 s, session 44);</li>
     * <li>since the last arrival that named no position, a read has come back empty (the old way of knowing);</li>
     * <li>the recheck interval has not passed since the last read.</li>
     * </ul>
     */
    final class ReadGate {

        private static final ThreadLocal<ReadGate> CURRENT = new ThreadLocal<>();

        /** What {@link #read} is told of a read that found nothing. */
        static final long NOTHING = -1;

        /** The arrivals numbered when the last read began; -1: no read yet. */
        private long arrivalsAtRead = -1;
        private long unannouncedAtDrain = -1;
        private long readAt;
        /** The last read found events beyond every position named. */
        private boolean beyondNamed;

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

        /** Whether a read from {@code from} (the token of the last event this stream read) must go to the database. */
        boolean mustRead(TrackingToken from) {
            long now = System.nanoTime();
            return !notified.get()
                    || !(from instanceof GapAwareTrackingToken token)
                    || arrivalsAtRead < 0
                    || unannounced.get() != unannouncedAtDrain
                    || token.getIndex() < announced.get()
                    || beyondNamed
                    || now - readAt >= recheckNanos()
                    || signals.mayHaveMore(arrivalsAtRead, live, token);
        }

        /** A read is about to run: what {@link #read} needs to know of its start. */
        Start reading() {
            return new Start(System.nanoTime(), signals.numbered(), unannounced.get());
        }

        /**
         * A read that began at {@code start} has returned: this stream's own, or one another stream made from the
         * same token that this stream takes over ({@link SharedReads}). What counts is when that read began: an
         * append it could not see was signalled after that, and makes the next question read again.
         * {@code highest}: the highest position it found, {@link #NOTHING} when it found nothing.
         */
        void read(Start start, long highest) {
            readAt = start.at();
            arrivalsAtRead = start.arrivals();
            if (highest == NOTHING) {
                unannouncedAtDrain = start.unannounced();
            }
            beyondNamed = highest > announced.get();
        }
    }

    /**
     * When a read began ({@link System#nanoTime}), how many arrivals had been signalled then (to any view), and how
     * many unannounced: a read one stream makes is handed to streams of any view ({@link SharedReads}).
     */
    record Start(long at, long arrivals, long unannounced) {
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
