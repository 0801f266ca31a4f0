package io.ordersvc.platform.axon;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Wakes this instance's event processors when another instance appends events: each instance's {@link EventAnnouncer}
 * sends a PostgreSQL notification after an appending transaction commits, and this listener holds one connection of
 * its own (outside the pool) that LISTENs for it. This instance's own announcements come back to it too; they are
 * skipped, since the announcer has woken the processors already. While that connection is down (a database
 * restart) the processors are woken every second instead, and once more when it is back, so nothing waits for long.
 * A connection that died without a word (a half-open TCP connection after a network fault) would leave this instance
 * deaf: the listener asks the database something every {@code ping}, with a socket timeout, and reconnects if that
 * fails. That is what lets a caught-up processor rely on the notifications and recheck the store only rarely.
 * <p>
 * The same connection listens on other channels for whoever asked ({@code signals}: a buyer's erasure, whose key
 * every instance must forget at once). Each handler gets the notification's payload, and null whenever the listener
 * (re)connects: whatever it sent meanwhile was missed.
 */
public class EventNotificationListener extends NotificationConnection {

    /** The notification channel, named after the table whose inserts raise it. */
    public static final String CHANNEL = "domain_event_entry";

    private static final Logger log = LoggerFactory.getLogger(EventNotificationListener.class);

    private final EventArrivals arrivals;
    private final Duration ping;
    private final Map<String, Consumer<String>> signals;
    /** The backend whose notifications are this instance's own (-1: none). */
    private volatile IntSupplier own = () -> -1;
    private volatile boolean listening;

    public EventNotificationListener(String url, String user, String password, EventArrivals arrivals,
                                     Duration retry, Duration ping) {
        this(url, user, password, arrivals, retry, ping, Map.of());
    }

    public EventNotificationListener(String url, String user, String password, EventArrivals arrivals,
                                     Duration retry, Duration ping, Map<String, Consumer<String>> signals) {
        super(url, user, password, "orders-event-listener", "event-notifications", retry, ping);
        this.signals = Map.copyOf(signals);
        this.arrivals = arrivals;
        this.ping = ping;
    }

    /** Skips the notifications {@code announcer} sends: it wakes this instance's processors itself. */
    public EventNotificationListener skipping(EventAnnouncer announcer) {
        this.own = announcer::pid;
        return this;
    }

    /** Whether the listener is connected and listening now (while not, processors poll and keys expire). */
    public boolean listening() {
        return listening;
    }

    @Override
    void run() {
        boolean failing = false;
        while (running) {
            try (Connection c = connect()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                    for (String channel : signals.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                listening = true;
                signals.values().forEach(handler -> handler.accept(null)); // whatever was sent while nobody listened
                if (failing) {
                    log.info("listening for appended events again");
                    failing = false;
                }
                arrivals.databaseNotifies(true);
                arrivals.arrived(); // whatever was appended while nobody listened
                PGConnection pg = c.unwrap(PGConnection.class);
                long pinged = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) retry.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        boolean appended = false;
                        long head = -1; // the highest global index they name; 0: one named none
                        int ownPid = own.getAsInt();
                        for (PGNotification n : notifications) {
                            Consumer<String> handler = signals.get(n.getName());
                            if (handler != null) {
                                handler.accept(n.getParameter());
                            } else if (n.getPID() != ownPid) {
                                appended = true;
                                long named = appendedUpTo(n.getParameter());
                                head = head == 0 || named == 0 ? 0 : Math.max(head, named);
                            }
                        }
                        if (appended && head > 0) {
                            arrivals.arrived(head);
                        } else if (appended) {
                            arrivals.arrived();
                        }
                    }
                    if (System.nanoTime() - pinged >= ping.toNanos()) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                        pinged = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                arrivals.databaseNotifies(false);
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("cannot listen for appended events ({}); processors look every {} ms until it can",
                            e.getMessage(), retry.toMillis());
                    failing = true;
                }
                arrivals.arrived();
                pause();
            } finally {
                listening = false;
                disconnected();
            }
        }
    }

    /** The highest global index an append notification names; 0 when it names none (a NOTIFY without a payload). */
    static long appendedUpTo(String parameter) {
        try {
            return parameter == null || parameter.isEmpty() ? 0 : Math.max(0, Long.parseLong(parameter));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
