package io.ordersvc.platform.axon;

import io.ordersvc.platform.schema.Databases;
import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.TransactionDefinition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

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
 * A plain read made before the first statement need not take it either ({@link BorrowedReads}): whether this
 * thread's command transaction has taken its connection yet is {@link #holdsNoConnection()}.
 */
public class CommandTransactions extends DeferringTransactions {

    /** Whether the pool's database is PostgreSQL: asked at the first transaction, the answer kept. */
    private final BooleanSupplier postgres;

    public CommandTransactions(DataSource dataSource) {
        super(new OnFirstStatement(dataSource), DeferredWrites.What.EVENT_APPENDS, null, "COMMIT");
        this.postgres = Databases.postgres(new JdbcTemplate(dataSource));
    }

    /**
     * The command transactions begun on this thread, innermost first: whether each has taken its pooled connection.
     * Marked by the pool the lazy connections are taken from ({@link OnFirstStatement}), which serves command
     * transactions alone.
     */
    private static final ThreadLocal<Begun> BEGUN = new ThreadLocal<>();

    private static final class Begun {
        final Begun outer;
        boolean connectionTaken;

        Begun(Begun outer) {
            this.outer = outer;
        }
    }

    /**
     * Whether this thread runs a command transaction that has not taken its pooled connection yet: it has sent
     * nothing, so a plain read at READ COMMITTED sees on another connection exactly what it would see on the
     * transaction's.
     */
    public static boolean holdsNoConnection() {
        Begun begun = BEGUN.get();
        return begun != null && !begun.connectionTaken;
    }

    /** The database is asked (once) before the transaction is bound: asked inside it, it would take its connection. */
    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        postgres.getAsBoolean();
        super.doBegin(transaction, definition);
        BEGUN.set(new Begun(BEGUN.get()));
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        super.doCleanupAfterCompletion(transaction);
        Begun begun = BEGUN.get();
        if (begun != null && begun.outer != null) {
            BEGUN.set(begun.outer);
        } else {
            BEGUN.remove();
        }
    }

    @Override
    boolean defers(Connection connection) {
        return postgres.getAsBoolean();
    }

    /** The positions the command's events took, for the wake-up of this instance's processors after it. */
    @Override
    void committed(long position) {
        if (position != 0) {
            CommittedAppends.record(position);
        }
    }

    /**
     * The pool's connections, each taken at its first statement. Bound to a transaction, it stands for the pool
     * itself ({@link InfrastructureProxy}): the event store, JdbcTemplates and {@link DeferredWrites} look the
     * transaction's connection up by the pool and find this one.
     */
    static final class OnFirstStatement extends LazyConnectionDataSourceProxy implements InfrastructureProxy {

        private final DataSource pool;

        OnFirstStatement(DataSource pool) {
            this.pool = pool;
            // the defaults (auto-commit, isolation) are read from the first connection
            setTargetDataSource(new DelegatingDataSource(pool) {
                @Override
                public Connection getConnection() throws SQLException {
                    Connection taken = super.getConnection();
                    Begun begun = BEGUN.get();
                    if (begun != null) {
                        begun.connectionTaken = true;
                    }
                    return taken;
                }
            });
        }

        @Override
        public Object getWrappedObject() {
            return pool;
        }
    }
}
