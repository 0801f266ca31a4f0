package io.ordersvc.platform.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A projection batch's writes, sent with its commit in one round trip. A batch of the order projection wrote
 * order_view, its lines, the log, the counters and the rest a statement each, then committed: eight round trips and
 * more, each a wait for a core on a busy machine, and at half load 10–25 ms each (bench/README.md, session 31).
 * Written at the commit, they go to PostgreSQL as one multi-statement request ending with the commit
 * ({@link ProjectionTransactions#COMMIT}): the driver sends every statement before it reads an answer, and the
 * server runs them in order, skipping the rest (the commit with them) after the first that fails.
 * <p>
 * Only blind writes are deferred: statements whose effect no later statement of the transaction reads, so that
 * running them last changes nothing but when they run. A write is deferred only in a transaction
 * {@link ProjectionTransactions} began on PostgreSQL; anywhere else {@link #write} sends it at once.
 * <p>
 * A command's appended events go with its commit the same way, in a transaction {@link CommandTransactions} began
 * ({@link #defer(DataSource, What, String, int, Parameters, Function)}); there, only appends are deferred, and the
 * blind writes of the command's own handlers ({@link #writeWithCommand}). The unit of work reads nothing after its
 * append but what an event store read or a nested command's aggregate load asks for, and those send what waits first
 * ({@link #flush}).
 */
public final class DeferredWrites {

    /** Binds a deferred statement's parameters, its first at {@code first}. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement statement, Connection connection, int first) throws SQLException;
    }

    /** What a transaction defers. */
    enum What {
        /** Blind writes to read models ({@link #defer}). */
        READ_MODEL_WRITES,
        /** Appended events. */
        EVENT_APPENDS
    }

    /**
     * A statement ({@code count} parameters) waiting for the commit; {@code failure} (may be null) says what its
     * failure means, or null when it is not this statement's. An append {@code returnsPositions}: it ends with
     * {@code RETURNING} the positions its events took.
     */
    record Write(String sql, int count, Parameters parameters, Function<SQLException, RuntimeException> failure,
                 boolean returnsPositions) {
    }

    /**
     * What a transaction deferred and, of its appends sent so far, the highest position their events took (0: none
     * sent; {@link Closed#UNKNOWN} once an append went without telling its positions).
     */
    private static final class Pending {
        final What what;
        final List<Write> writes = new ArrayList<>();
        long position;
        /** What goes ahead of the first writes the transaction sends ({@link #open}); null once sent, or none. */
        String lead;

        Pending(What what, String lead) {
            this.what = what;
            this.lead = lead;
        }

        String takeLead() {
            String first = lead;
            lead = null;
            return first;
        }
    }

    /**
     * What a transaction that deferred its writes sends at its commit, the statement to go ahead of them (null when
     * none or already sent), and the highest position the events it appended took: {@link #UNKNOWN} when an append
     * did not tell it, 0 when it appended nothing that told.
     */
    record Closed(List<Write> writes, String lead, long position) {
        /** Some append of the transaction went without its positions. */
        static final long UNKNOWN = -1;

        /** The highest of two such positions: unknown if either is. */
        static long highest(long a, long b) {
            return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : Math.max(a, b);
        }
    }

    /** The writes of each open transaction that defers them, by its connection holder. */
    private static final Map<ConnectionHolder, Pending> PENDING = new ConcurrentHashMap<>();

    private DeferredWrites() {
    }

    /**
     * Queues a write for the commit of the current transaction on {@code dataSource}.
     *
     * @param count how many parameters {@code sql} has ({@code ?})
     * @return false, having queued nothing, when the transaction does not defer writes (none open, not begun by
     *         {@link ProjectionTransactions}, not PostgreSQL): the caller executes the statement itself
     */
    public static boolean defer(DataSource dataSource, String sql, int count, Parameters parameters) {
        return defer(dataSource, What.READ_MODEL_WRITES, sql, count, parameters, null);
    }

    /**
     * Queues a statement of the kind {@code what} for the commit of the current transaction on {@code dataSource}
     * (an append of events: {@link What#EVENT_APPENDS}).
     *
     * @param failure what the failure of the request that carries it means (for an append, a unique violation is a
     *                concurrent append to the same aggregate), or null when a failure is none of this statement's
     * @return false, having queued nothing, when the transaction does not defer that kind (the caller sends it now)
     */
    static boolean defer(DataSource dataSource, What what, String sql, int count, Parameters parameters,
                         Function<SQLException, RuntimeException> failure) {
        return queue(dataSource, what, new Write(sql, count, parameters, failure, false));
    }

    /** What records the statement a library would send ({@link RecordedStatement#of}, {@link RecordedStatement#single}). */
    @FunctionalInterface
    interface Recorder {
        Optional<RecordedStatement> record() throws SQLException;
    }

    /**
     * Queues the statement a library builds (its append, its token update), recorded with the values it set, for the
     * commit of the current transaction, sent as {@code around} makes it of the recorded SQL. Nothing is recorded when
     * the transaction does not defer the kind {@code what}.
     *
     * @return false, having queued nothing, when the transaction does not defer that kind or the library built the
     *         statement in a way that cannot be recorded: the library then sends it itself
     */
    static boolean deferRecorded(DataSource dataSource, What what, Recorder recorder, UnaryOperator<String> around,
                                 Function<SQLException, RuntimeException> failure) {
        return deferRecorded(dataSource, what, recorder, around, failure, false);
    }

    /**
     * As {@link #deferRecorded(DataSource, What, Recorder, UnaryOperator, Function)}; {@code returnsPositions}: what
     * {@code around} makes of the statement returns the positions the appended events took (RETURNING), and the
     * transaction's {@link Closed#position} is their highest.
     */
    static boolean deferRecorded(DataSource dataSource, What what, Recorder recorder, UnaryOperator<String> around,
                                 Function<SQLException, RuntimeException> failure, boolean returnsPositions) {
        if (!defers(dataSource, what)) {
            return false;
        }
        Optional<RecordedStatement> recorded;
        try {
            recorded = recorder.record();
        } catch (SQLException unrecordable) {
            return false;
        }
        return recorded.isPresent() && queue(dataSource, what, new Write(around.apply(recorded.get().sql()),
                recorded.get().count(), recorded.get()::bind, failure, returnsPositions));
    }

    /**
     * An append of the current transaction on {@code dataSource} went to the database without telling the positions
     * its events took (it could not be deferred): the transaction's {@link Closed#position} is then unknown.
     */
    static void unpositioned(DataSource dataSource) {
        Pending pending = pending(dataSource);
        if (pending != null) {
            pending.position = Closed.UNKNOWN;
        }
    }

    /** Whether the current transaction on {@code dataSource} defers statements of the kind {@code what}. */
    static boolean defers(DataSource dataSource, What what) {
        Pending pending = pending(dataSource);
        return pending != null && pending.what == what;
    }

    private static boolean queue(DataSource dataSource, What what, Write write) {
        if (!defers(dataSource, what)) {
            return false;
        }
        pending(dataSource).writes.add(write);
        return true;
    }

    private static Pending pending(DataSource dataSource) {
        return TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
                ? PENDING.get(holder) : null;
    }

    /**
     * Sends what the current transaction on {@code dataSource} deferred so far, now, before a read that must see it;
     * the transaction goes on deferring. Nothing when it deferred nothing.
     */
    public static void flush(DataSource dataSource) {
        Pending pending = pending(dataSource);
        if (pending == null || pending.writes.isEmpty()) {
            return;
        }
        List<Write> writes = List.copyOf(pending.writes);
        pending.writes.clear();
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
        try {
            pending.position = Closed.highest(pending.position,
                    send(holder.getConnection(), pending.takeLead(), writes, null));
        } catch (SQLException failed) {
            RuntimeException meaning = failure(writes, failed);
            throw meaning != null ? meaning : new org.springframework.jdbc.UncategorizedSQLException(
                    "deferred writes", null, failed);
        }
    }

    /**
     * Writes with the commit when the current transaction defers writes ({@link #defer}), at once otherwise: what a
     * blind write calls.
     */
    public static void write(JdbcTemplate jdbc, String sql, int count, Parameters parameters) {
        writeOrSend(jdbc, What.READ_MODEL_WRITES, sql, count, parameters);
    }

    /**
     * A blind write of a command's own handler (a subscribing one, in the command's unit of work): sent with the
     * command's commit, after its appends, where the command's transaction defers them ({@link CommandTransactions}
     * on PostgreSQL), at once otherwise. Whatever the command reads after it (an event store read, a nested command's
     * load) sends it first ({@link #flush}), as it does the appends; a failure of it is no append's
     * ({@link AxonStorageConfig}: a unique violation is a conflicting append only on the event table).
     */
    public static void writeWithCommand(JdbcTemplate jdbc, String sql, int count, Parameters parameters) {
        writeOrSend(jdbc, What.EVENT_APPENDS, sql, count, parameters);
    }

    /** Defers a blind write where the transaction defers {@code what}, and sends it at once otherwise. */
    private static void writeOrSend(JdbcTemplate jdbc, What what, String sql, int count, Parameters parameters) {
        if (!defer(jdbc.getDataSource(), what, sql, count, parameters, null)) {
            jdbc.update(c -> {
                PreparedStatement statement = c.prepareStatement(sql);
                parameters.bind(statement, c, 1);
                return statement;
            });
        }
    }

    /**
     * From now on the transaction of {@code holder} defers {@code what} it writes; {@code lead} (without parameters;
     * may be null) goes ahead of the first of them it sends.
     */
    static void open(ConnectionHolder holder, What what, String lead) {
        PENDING.put(holder, new Pending(what, lead));
    }

    /**
     * The writes the transaction of {@code holder} deferred and has not sent, in order, and the highest position of
     * the appends it sent ahead ({@link #flush}); it defers none after this.
     */
    static Closed close(ConnectionHolder holder) {
        Pending pending = PENDING.remove(holder);
        if (pending == null) {
            return new Closed(List.of(), null, 0);
        }
        return new Closed(pending.writes, pending.takeLead(), pending.position);
    }

    /** What the failure of a request carrying {@code writes} means, as the first of them that knows says; or null. */
    static RuntimeException failure(List<Write> writes, SQLException failed) {
        for (Write write : writes) {
            RuntimeException meaning = write.failure() == null ? null : write.failure().apply(failed);
            if (meaning != null) {
                return meaning;
            }
        }
        return null;
    }

    /**
     * Sends {@code lead}, the writes and then {@code last} (the two without parameters; each none when null) as one
     * request; nothing is read in between. Returns the highest position the appends among them returned (0: none).
     */
    static long send(Connection connection, String lead, List<Write> writes, String last) throws SQLException {
        StringJoiner sql = new StringJoiner("; ");
        if (lead != null) {
            sql.add(lead);
        }
        for (Write write : writes) {
            sql.add(write.sql());
        }
        if (last != null) {
            sql.add(last);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int first = 1;
            for (Write write : writes) {
                write.parameters().bind(statement, connection, first);
                first += write.count();
            }
            return positions(statement, statement.execute(), lead == null ? 0 : 1, writes);
        }
    }

    /**
     * The highest position the appends among {@code writes} returned: the request answers each of its statements in
     * order, a row set or a count (the first {@code ahead} of them no write's), and an append's rows are the
     * positions its events took.
     */
    private static long positions(PreparedStatement statement, boolean rows, int ahead, List<Write> writes)
            throws SQLException {
        long highest = 0;
        for (int i = -ahead; rows || statement.getUpdateCount() != -1; i++, rows = statement.getMoreResults()) {
            if (rows && i >= 0 && i < writes.size() && writes.get(i).returnsPositions()) {
                try (ResultSet positions = statement.getResultSet()) {
                    while (positions.next()) {
                        highest = Math.max(highest, positions.getLong(1));
                    }
                }
            }
        }
        return highest;
    }
}
