package io.ordersvc.platform.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 */
public final class DeferredWrites {

    /** Binds a deferred statement's parameters, its first at {@code first}. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement statement, Connection connection, int first) throws SQLException;
    }

    /** A statement ({@code count} parameters) waiting for the commit. */
    record Write(String sql, int count, Parameters parameters) {
    }

    /** The writes of each open transaction that defers them, by its connection holder. */
    private static final Map<ConnectionHolder, List<Write>> PENDING = new ConcurrentHashMap<>();

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
        if (!(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder)) {
            return false;
        }
        List<Write> writes = PENDING.get(holder);
        if (writes == null) {
            return false;
        }
        writes.add(new Write(sql, count, parameters));
        return true;
    }

    /**
     * Writes with the commit when the current transaction defers writes ({@link #defer}), at once otherwise: what a
     * blind write calls.
     */
    public static void write(JdbcTemplate jdbc, String sql, int count, Parameters parameters) {
        if (!defer(jdbc.getDataSource(), sql, count, parameters)) {
            jdbc.update(c -> {
                PreparedStatement statement = c.prepareStatement(sql);
                parameters.bind(statement, c, 1);
                return statement;
            });
        }
    }

    /** From now on the transaction of {@code holder} defers its writes. */
    static void open(ConnectionHolder holder) {
        PENDING.put(holder, new ArrayList<>());
    }

    /** The writes the transaction of {@code holder} deferred, in order; it defers none after this. */
    static List<Write> close(ConnectionHolder holder) {
        List<Write> writes = PENDING.remove(holder);
        return writes == null ? List.of() : writes;
    }

    /**
     * Sends the writes and then {@code last} (without parameters) as one request; nothing is read in between.
     */
    static void send(Connection connection, List<Write> writes, String last) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Write write : writes) {
            sql.append(write.sql()).append("; ");
        }
        sql.append(last);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int first = 1;
            for (Write write : writes) {
                write.parameters().bind(statement, connection, first);
                first += write.count();
            }
            statement.execute();
        }
    }
}
