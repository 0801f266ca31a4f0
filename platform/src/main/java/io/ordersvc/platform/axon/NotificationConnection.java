package io.ordersvc.platform.axon;

import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A connection of its own (outside the pool) on which one daemon thread talks to PostgreSQL's notifications, and
 * reconnects after {@code retry} when it fails: what {@link EventNotificationListener} and {@link EventAnnouncer}
 * share. Started after the processors, whose phase is lower, and stopped before them.
 */
abstract class NotificationConnection implements SmartLifecycle {

    private final String url;
    private final Properties credentials = new Properties();
    private final String threadName;
    protected final Duration retry;
    protected volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    /**
     * @param timeout how long a request may go unanswered before the connection counts as broken (a connection cut
     *                without a word, a half-open TCP connection, would otherwise hang its thread)
     */
    NotificationConnection(String url, String user, String password, String application, String threadName,
                           Duration retry, Duration timeout) {
        this.url = url;
        this.threadName = threadName;
        this.retry = retry;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", application);
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("socketTimeout", String.valueOf(Math.max(1, timeout.toSeconds())));
    }

    /** Sets a connection property (before {@link #start}). */
    final void property(String name, String value) {
        credentials.setProperty(name, value);
    }

    /** A new connection, kept as the one {@link #stop} closes. */
    final Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, credentials);
        connection = c;
        return c;
    }

    /** The connection has been closed (or failed). */
    final void disconnected() {
        connection = null;
    }

    /** What the thread runs until stopped. */
    abstract void run();

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopping();
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

    /** Before the connection is closed on {@link #stop}: wake the thread wherever it waits. */
    void stopping() {
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** Waits {@code retry} before the next attempt to connect. */
    final void pause() {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
