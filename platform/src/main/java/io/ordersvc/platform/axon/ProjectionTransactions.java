package io.ordersvc.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactions of the tracking processors' batches, committed on PostgreSQL without waiting for the WAL to
 * reach the disk ({@code synchronous_commit = off}). A batch writes read-model rows and the processor's token in one
 * transaction, and everything in it can be derived again from the event store: if the database crashes before the
 * WAL is flushed (at most about three {@code wal_writer_delay}, 600 ms by default), rows and token are lost together
 * and the processor handles those events again. Waiting for the flush put every batch of every processor in the
 * queue behind the commands' own commits: under a peak the order lists fell a second and more behind.
 * <p>
 * Only a transaction this manager starts itself is changed: one it joins (a subscribing processor inside a
 * command's unit of work) keeps the command's durable commit. Appended events are never committed this way.
 */
public class ProjectionTransactions implements TransactionManager {

    /** Axon's own transactions on Spring's managers: begins, commits and rolls back only what it started. */
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public ProjectionTransactions(TransactionManager transactions, JdbcTemplate jdbc, boolean postgres) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    @Override
    public Transaction startTransaction() {
        boolean joins = TransactionSynchronizationManager.isActualTransactionActive();
        Transaction transaction = transactions.startTransaction();
        if (!postgres || joins) {
            return transaction;
        }
        return new Transaction() {
            /**
             * The setting is made just before the commit, the only moment it matters, and only if the transaction
             * sent anything: an idle processor's transaction that sent nothing then costs no statement at all.
             */
            @Override
            public void commit() {
                try {
                    if (begun()) {
                        jdbc.execute("SET LOCAL synchronous_commit TO OFF");
                    }
                } catch (RuntimeException failed) {
                    // Not left open on the thread: the processor's next transaction would join this broken one and
                    // fail with it for good (a database outage did exactly that).
                    try {
                        transaction.rollback();
                    } catch (RuntimeException alsoFailed) {
                        failed.addSuppressed(alsoFailed);
                    }
                    throw failed;
                }
                transaction.commit();
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }

    /**
     * Whether the transaction's connection has begun a transaction on the server: the driver sends BEGIN with the
     * first statement, and commits nothing when none was sent. Anything but PostgreSQL's driver counts as begun.
     */
    private boolean begun() {
        return !Boolean.FALSE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                !connection.isWrapperFor(BaseConnection.class)
                        || connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE));
    }
}
