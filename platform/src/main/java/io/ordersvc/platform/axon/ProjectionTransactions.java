package io.ordersvc.platform.axon;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * JDBC's transactions for the tracking processors' batches, committed on PostgreSQL without waiting for the WAL to
 * reach the disk ({@code synchronous_commit = off}). A batch writes read-model rows and the processor's token in one
 * transaction, and everything in it can be derived again from the event store: if the database crashes before the
 * WAL is flushed (at most about three {@code wal_writer_delay}, 600 ms by default), rows and token are lost together
 * and the processor handles those events again. Waiting for the flush put every batch of every processor in the
 * queue behind the commands' own commits: under a peak the order lists fell a second and more behind.
 * <p>
 * The setting travels in the round trip that commits: ahead of the batch's deferred writes ({@link #LEAD}), or,
 * when it deferred none, just before the {@code COMMIT} ({@link #COMMIT}). A statement of its own was one more
 * wait for a core per batch (session 24). The driver then has nothing left to commit. A transaction that sent
 * nothing sends nothing.
 * Only a transaction this manager begins is committed this way: one it joins (a subscribing processor inside a
 * command's unit of work) is committed, durably, by the manager that began it. Appended events are never committed
 * this way. On another database the commit is an ordinary one.
 * <p>
 * On PostgreSQL the batch's blind writes wait for the commit and go with it, in the same round trip
 * ({@link DeferredWrites}), behind {@link #LEAD}: the setting for the commit, and plans that look rows up by key.
 * The driver prepares a statement on the server once it has run five times, and PostgreSQL then may plan it once
 * for any values and keep that plan until the table's statistics change. On a new database the read models' first
 * batches came when their tables were a few pages: an {@code UPDATE ... FROM unnest(...)} of a batch's changed
 * rows was planned as a hash join over the whole table, and with nothing to analyze the tables (autovacuum off,
 * as on the bench's machine) every connection kept scanning them whole, at 20,000 rows 3-4 ms a batch: in one
 * probe 43 % of PostgreSQL's statement time under load went there (bench/README.md, session 45). Planning each
 * write for its values (sessions 45-47) cured that at a price: 17 % of PostgreSQL's statement time went to planning.
 * Every write a batch defers names its rows by key, so with sequential scans, hash and merge joins off the only plan
 * left is a lookup of each row by its key, right at any size: the writes are planned once per connection and that
 * plan is kept ({@code force_generic_plan}). A table a write has no index for is still scanned.
 */
public class ProjectionTransactions extends DeferringTransactions {

    /** What commits a batch's transaction that deferred nothing on PostgreSQL. */
    static final String COMMIT = "SET LOCAL synchronous_commit TO OFF; COMMIT";

    /**
     * What goes ahead of a batch's deferred writes: the same setting for its commit, and one kept plan for each
     * write, by key (one statement, as the {@code SET} was).
     */
    public static final String LEAD = "SELECT set_config('synchronous_commit', 'off', true),"
            + " set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true),"
            + " set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)";

    public ProjectionTransactions(DataSource dataSource) {
        super(dataSource, DeferredWrites.What.READ_MODEL_WRITES, LEAD, "COMMIT");
    }

    /** A batch that sent statements but deferred none still commits without waiting for the disk. */
    @Override
    void commitWithNothingDeferred(Connection connection) throws SQLException {
        if (connection.isWrapperFor(BaseConnection.class)
                && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.OPEN) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(COMMIT);
            }
        }
    }
}
