package io.ordersvc.platform.axon;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Tells every instance that events were appended, after the appending transaction has committed: a notification on
 * {@link EventNotificationListener#CHANNEL} naming the highest position in the store, sent on a connection of its own.
 * <p>
 * Until session 39 a trigger on the event table sent it from inside the appending transaction (db/platform/postgresql
 * V3, V6). PostgreSQL serializes the commits of transactions that notify: each takes one lock for the whole cluster
 * before its commit and holds it until its commit record is on disk. So every command's commit waited for the
 * previous command's disk flush, and no two commands' commits could share one (bench/README.md, session 39:
 * pgbench at 32 clients, an INSERT and a commit, 5,400 transactions/s without a notification, 2,300 with one).
 * Now a command commits as any transaction does, and this announcer notifies afterwards, in a transaction of its own
 * that does not wait for the disk: a notification is a wake-up, not data, and a lost one costs a processor its
 * recheck interval, never an event.
 * <p>
 * Appends that commit while an announcement is under way, or within {@code interval} of its start, share the next
 * one. Each announcement names the highest position committed when it runs, so it covers every append committed
 * before it began (an append whose position is lower but committed later announces again, and so wakes the readers
 * that passed over its gap). This instance's listener ignores the same notification coming back ({@link #pid}).
 * The answer wakes this instance's lingering processors ({@link EventArrivals#announcedHere}), and its live ones
 * only for appends whose committer could not wake them: a command's commit wakes them itself, naming the position
 * its events took, without the interval. While its connection is down, {@link #announce} says so and the caller
 * wakes this instance's processors itself; other instances look again within their recheck interval.
 */
public class EventAnnouncer extends NotificationConnection {

    /** The highest position committed, announced to every listener, and returned to this instance. */
    private static final String ANNOUNCE = "SELECT h.head, pg_notify('" + EventNotificationListener.CHANNEL
            + "', h.head::text) FROM (SELECT coalesce(max(global_index), 0) AS head FROM domain_event_entry) h";

    private static final Logger log = LoggerFactory.getLogger(EventAnnouncer.class);

    private final EventArrivals arrivals;
    private final long intervalNanos;
    private final Object lock = new Object();
    /** An append committed since the last announcement began (guarded by {@link #lock}). */
    private boolean pending;
    /**
     * Of those, one whose committer has not woken this instance's live processors itself (guarded by {@link #lock}):
     * the announcement's answer wakes them too. A committer that knows its append's position wakes them at once.
     */
    private boolean wakeLive;
    /** The backend of the announcing connection; -1 while there is none. */
    private volatile int pid = -1;

    /**
     * @param interval the least time from one announcement to the next: appends that commit within it share the
     *                 next one (under load one announcement per command cost a statement each and woke every
     *                 processor as often; at low load an append is announced at once)
     * @param timeout  how long one announcement may take before the connection counts as broken (a half-open TCP
     *                 connection would otherwise hold every later announcement)
     */
    public EventAnnouncer(String url, String user, String password, EventArrivals arrivals, Duration retry,
                          Duration interval, Duration timeout) {
        super(url, user, password, "orders-event-announcer", "event-announcer", retry, timeout);
        this.intervalNanos = interval.toNanos();
        this.arrivals = arrivals;
        // A notification is a wake-up: its transaction need not wait for the disk, and so holds PostgreSQL's
        // notification lock only for the moment it takes to queue it.
        property("options", "-c synchronous_commit=off");
        arrivals.announcedBy(this);
    }

    /**
     * An append has committed: announce it soon, to every instance and to this one's lingering processors;
     * {@code live}: to this instance's live processors too (false when the caller has woken them, naming the position
     * its append reached). False when this announcer cannot (its connection is down), and the caller must wake this
     * instance's processors itself.
     */
    boolean announce(boolean live) {
        if (pid < 0) {
            return false;
        }
        synchronized (lock) {
            if (mark(live)) {
                lock.notifyAll();
            }
        }
        return true;
    }

    /**
     * Notes an append to announce (guarded by {@link #lock}) and says whether the announcer must be woken for it:
     * only when nothing was pending, when it waits without a deadline. With an append pending it waits for its
     * interval's end, or is still announcing the last one, and takes every append noted meanwhile when it looks:
     * woken by each commit, it went back to sleep hundreds of times a second under load (bench/README.md, session
     * 58).
     */
    boolean mark(boolean live) {
        boolean idle = !pending;
        pending = true;
        wakeLive |= live;
        return idle;
    }

    /** The backend that sends this instance's announcements (-1: none now): its notifications come back to it. */
    public int pid() {
        return pid;
    }

    @Override
    void stopping() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    void run() {
        boolean failing = false;
        while (running) {
            try (Connection c = connect(); PreparedStatement announcement = c.prepareStatement(ANNOUNCE)) {
                pid = c.unwrap(PGConnection.class).getBackendPID();
                if (failing) {
                    log.info("announcing appended events again");
                    failing = false;
                }
                // Appends committed while it was down were only signalled here: announce once at (re)connect.
                Due due = new Due(true, true);
                while (running) {
                    long sent = System.nanoTime();
                    if (due.announce()) {
                        send(announcement, due.live());
                    }
                    due = awaitAppend(sent + intervalNanos);
                }
            } catch (SQLException | RuntimeException e) {
                pid = -1;
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("cannot announce appended events ({}); other instances look again within their recheck"
                            + " interval until it can", e.getMessage());
                    failing = true;
                }
                arrivals.arrived(); // whatever was pending, for this instance's processors
                pause();
            } finally {
                pid = -1;
                disconnected();
            }
        }
    }

    /**
     * Announces the head to every instance, and wakes this instance's lingering processors with the answer;
     * {@code live}: its live processors too.
     */
    private void send(PreparedStatement announcement, boolean live) throws SQLException {
        long head;
        try (ResultSet row = announcement.executeQuery()) {
            row.next();
            head = row.getLong(1);
        }
        arrivals.announcedHere(head, live);
    }

    /** Whether to announce, and whether to this instance's live processors too. */
    record Due(boolean announce, boolean live) {
    }

    /**
     * Waits for an append to announce, and for {@code notBefore} ({@link System#nanoTime}); nothing due when
     * stopping.
     */
    private Due awaitAppend(long notBefore) {
        synchronized (lock) {
            while (running) {
                long early = notBefore - System.nanoTime();
                if (pending && early <= 0) {
                    break;
                }
                try {
                    if (pending) {
                        lock.wait(early / 1_000_000, (int) (early % 1_000_000));
                    } else {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            return take();
        }
    }

    /** What was noted since the last look, and nothing pending after it (guarded by {@link #lock}). */
    Due take() {
        Due due = new Due(pending && running, wakeLive);
        pending = false;
        wakeLive = false;
        return due;
    }
}
