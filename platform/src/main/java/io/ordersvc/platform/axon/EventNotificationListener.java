package io.ordersvc.platform.axon;

import java.util.Map;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Wakes this instance's event processors when any instance appends events: a trigger on the event table
 * (db/platform/postgresql/V3__event_notify.sql) sends a PostgreSQL notification when an appending transaction commits, and this listener
 * holds one connection of its own (outside the pool) that LISTENs for it. While that connection is down (a database
 * restart) the processors are woken every second instead, and once more when it is back, so nothing waits for long.
 * A connection that died without a word (a half-open TCP connection after a network fault) would leave this instance
 * deaf: the listener asks the database something every {@code ping}, with a socket timeout, and reconnects if that
 * fails. That is what lets a caught-up processor rely on the notifications and recheck the store only rarely.
 * <p>
 * The same connection listens on other channels for whoever asked ({@code signals}: a buyer's erasure, whose key
 * every instance must forget at once). Each handler gets the notification's payload, and null whenever the listener
 * (re)connects: whatever it sent meanwhile was missed.
 */
public class EventNotificationListener implements SmartLifecycle {

    /** The notification channel, named after the table whose inserts raise it. */
    public static final String CHANNEL = "domain_event_entry";

    private static final Logger log = LoggerFactory.getLogger(EventNotificationListener.class);

    private final String url;
    private final Properties credentials = new Properties();
    private final EventArrivals arrivals;
    private final Duration retry;
    private final Duration ping;
    private final Map<String, Consumer<String>> signals;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile boolean listening;
    private Thread thread;

    public EventNotificationListener(String url, String user, String password, EventArrivals arrivals,
                                     Duration retry, Duration ping) {
        this(url, user, password, arrivals, retry, ping, Map.of());
    }

    public EventNotificationListener(String url, String user, String password, EventArrivals arrivals,
                                     Duration retry, Duration ping, Map<String, Consumer<String>> signals) {
        this.signals = Map.copyOf(signals);
        this.url = url;
        this.arrivals = arrivals;
        this.retry = retry;
        this.ping = ping;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "orders-event-listener");
        credentials.setProperty("tcpKeepAlive", "true");
        // Seconds: a ping that gets no answer within this fails, and the listener reconnects.
        credentials.setProperty("socketTimeout", String.valueOf(Math.max(1, ping.toSeconds())));
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "event-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the listener is connected and listening now (while not, processors poll and keys expire). */
    public boolean listening() {
        return listening;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started after the processors (whose phase is lower), stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                connection = c;
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
                        for (PGNotification n : notifications) {
                            Consumer<String> handler = signals.get(n.getName());
                            if (handler != null) {
                                handler.accept(n.getParameter());
                            } else {
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
                connection = null;
            }
        }
    }

    /** The highest global index an append notification names (V6); 0 when it names none (an older trigger). */
    static long appendedUpTo(String parameter) {
        try {
            return parameter == null || parameter.isEmpty() ? 0 : Math.max(0, Long.parseLong(parameter));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void pause() {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
