package io.ordersvc.platform.axon;

import org.postgresql.core.BaseConnection;
import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * JDBC's transactions for commands: on PostgreSQL the events a command appends go to the server with its
 * {@code COMMIT}, in one request ({@link DeferredWrites}). A command's unit of work appended its events
 * and then committed: two round trips at the end of every command, each a wait for a core on a busy machine, while
 * the request held its pooled connection. The commit is an ordinary, durable one. Two commands appending to one
 * aggregate at once still collide on the event table's unique key, now at the commit: the request fails as the
 * append would have (Axon's ConcurrencyException, retried), and the transaction rolls back.
 * <p>
 * A command's transaction takes its pooled connection at its first statement, not when its unit of work begins
 * (Spring's {@link LazyConnectionDataSourceProxy}). A command waits for its aggregate's lock inside its unit of
 * work, when it loads the aggregate: taken at the start, the connection was held through that wait, so commands
 * queued on one hot aggregate held the pool and every other command waited out the pool's timeout (bench/README.md,
 * sessions 9 and 37). Now a command that waits for a lock before its first statement holds no connection meanwhile,
 * and one whose aggregate is cached holds one only for its commit. A command that sends nothing takes none.
 */
public class CommandTransactions extends DeferringTransactions {

    private final DataSource pool;
    /** Whether the pool's database is PostgreSQL: asked at the first transaction, the answer kept. */
    private volatile Boolean postgres;

    public CommandTransactions(DataSource dataSource) {
        super(new OnFirstStatement(dataSource), DeferredWrites.What.EVENT_APPENDS, "COMMIT");
        this.pool = dataSource;
    }

    /** Asks the pool, not the transaction's connection: asking that would take it. */
    @Override
    boolean defers(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            try (Connection asked = pool.getConnection()) {
                known = asked.isWrapperFor(BaseConnection.class);
            }
            postgres = known;
        }
        return known;
    }

    /**
     * The pool's connections, each taken at its first statement. Bound to a transaction, it stands for the pool
     * itself ({@link InfrastructureProxy}): the event store, JdbcTemplates and {@link DeferredWrites} look the
     * transaction's connection up by the pool and find this one.
     */
    static final class OnFirstStatement extends LazyConnectionDataSourceProxy implements InfrastructureProxy {

        OnFirstStatement(DataSource pool) {
            setTargetDataSource(pool); // the defaults (auto-commit, isolation) are read from the first connection
        }

        @Override
        public Object getWrappedObject() {
            return obtainTargetDataSource();
        }
    }
}
