package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How far behind the live projections run: the age of each event when one of them handles it (the time since it
 * was appended, by the clock that stamped it), worst first. The command gate reads it to admit commands at the pace
 * the read models keep ({@code CommandGate}): on two cores, request threads deciding commands as fast as clients
 * send them take the CPU the projections need, and order lists fall seconds behind what was acknowledged.
 * <p>
 * Events older than {@code history} are not live traffic but history being caught up on (a rebuild, a query side
 * started after an outage): they say nothing about the load now and are left out, so a rebuild does not hold
 * commands back.
 * <p>
 * The age of what they have not read yet counts too: the appends the database announced (EventArrivals) that the
 * live projections' streams have not handed out yet, from when each was announced. Under a burst that is the lag
 * as it builds, 100 ms and more before the events' ages show it.
 * <p>
 * It watches only the processors it is registered with, through {@link #interceptor()} (each feature names its own
 * in its feature-settings file: {@code orders.pace.watched.<processor>: true}). It is not an interceptor itself:
 * Axon's Spring Boot auto-configuration registers every {@code MessageHandlerInterceptor} bean with every event
 * processor, and so it watched the background processors too, whose batches wait on purpose (analytics half a
 * second, products and due dates 100 ms): at half load the gate saw their 150-600 ms ages and narrowed several times
 * a second with order lists 50 ms behind (bench/README.md, session 25).
 */
public class ProjectionPace implements EventArrivals.Watcher {

    /** Announcements kept while the live stream is behind; beyond that the oldest kept ones still tell the age. */
    static final int MOST_ANNOUNCEMENTS = 16_384;

    private final long historyMillis;
    private final LongSupplier nanoTime;
    private final AtomicLong worstMillis = new AtomicLong();
    private final MessageHandlerInterceptor<EventMessage<?>> interceptor = this::handle;
    /** Positions the database announced that the live streams had not read yet, with when: {position, nanos}. */
    private final ArrayDeque<long[]> unread = new ArrayDeque<>();
    private long lastAnnounced = -1;
    private final AtomicLong readUpTo = new AtomicLong(-1);
    private final AtomicInteger streams = new AtomicInteger();
    /** The last event a live projection handled was live traffic (not history being caught up on). */
    private volatile boolean live;

    public ProjectionPace(Duration history) {
        this(history, System::nanoTime);
    }

    /** @param nanoTime the monotonic time ({@code System::nanoTime}; tests drive it) */
    public ProjectionPace(Duration history, LongSupplier nanoTime) {
        this.historyMillis = history.toMillis();
        this.nanoTime = nanoTime;
    }

    /** What a live projection's processor runs around each event it handles. */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return interceptor;
    }

    private Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        observed(GenericEventMessage.clock.millis() - unitOfWork.getMessage().getTimestamp().toEpochMilli());
        return chain.proceed();
    }

    /** An event was handled {@code ageMillis} after it was appended. */
    void observed(long ageMillis) {
        live = ageMillis <= historyMillis;
        if (ageMillis > 0 && ageMillis <= historyMillis) {
            worstMillis.accumulateAndGet(ageMillis, Math::max);
        }
    }

    @Override
    public void announced(long position) {
        if (streams.get() == 0) {
            return; // no live projection reads here: nothing of this instance waits for these
        }
        synchronized (unread) {
            if (position > lastAnnounced) {
                lastAnnounced = position;
                if (unread.size() < MOST_ANNOUNCEMENTS) {
                    unread.addLast(new long[]{position, nanoTime.getAsLong()});
                }
            }
        }
    }

    @Override
    public void read(long position) {
        readUpTo.accumulateAndGet(position, Math::max);
    }

    @Override
    public void opened() {
        streams.incrementAndGet();
    }

    @Override
    public void closed() {
        streams.decrementAndGet();
    }

    /**
     * How long the oldest announced append has waited for the live projections to read it, in milliseconds: 0 when
     * they have read everything announced, when none reads here (its segments are another instance's), when they
     * are catching up on history, or when it has waited longer than {@code history} (they are stalled, and holding
     * commands back would not help them).
     */
    long unreadMillis() {
        long read = readUpTo.get();
        synchronized (unread) {
            while (!unread.isEmpty() && unread.peekFirst()[0] <= read) {
                unread.pollFirst();
            }
            if (unread.isEmpty() || streams.get() == 0 || !live) {
                return 0;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - unread.peekFirst()[1]);
            return waited <= historyMillis ? waited : 0;
        }
    }

    /**
     * The oldest live event handled since the last call, or the oldest announced append not read yet if that has
     * waited longer, in milliseconds (0 if none); starts a new period. The second is what is building up now: a
     * handled event's age is known only once the projection has got to it, a lag as late as the lag itself.
     */
    public long takeWorstMillis() {
        return Math.max(worstMillis.getAndSet(0), unreadMillis());
    }
}
