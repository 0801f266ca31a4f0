package io.ordersvc.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

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

    private final PlatformTransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public ProjectionTransactions(PlatformTransactionManager transactions, JdbcTemplate jdbc, boolean postgres) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
        if (postgres && status.isNewTransaction()) {
            try {
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            } catch (RuntimeException failed) {
                // Not left open on the thread: the processor's next transaction would join this broken one and fail
                // with it for good (a database outage did exactly that).
                try {
                    transactions.rollback(status);
                } catch (RuntimeException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            }
        }
        return new Transaction() {
            @Override
            public void commit() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }
}
