package io.ordersvc.platform.axon;

import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * JDBC's transactions whose writes of one kind ({@link DeferredWrites.What}) wait for the commit on PostgreSQL and
 * go to the server with it, as one request ending with {@link #commit}. A failure of that request is what the first
 * deferred write that knows its meaning says it is (a concurrent append), a failed commit otherwise; the transaction
 * then rolls back. On another database nothing is deferred and the commit is the driver's.
 */
abstract class DeferringTransactions extends DataSourceTransactionManager {

    private final DeferredWrites.What what;
    private final String lead;
    private final String commit;

    /**
     * @param lead   what goes ahead of the first deferred writes the transaction sends (no parameters; null: nothing)
     * @param commit what ends the request that carries the last of them
     */
    DeferringTransactions(DataSource dataSource, DeferredWrites.What what, String lead, String commit) {
        super(dataSource);
        this.what = what;
        this.lead = lead;
        this.commit = commit;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        ConnectionHolder holder = ((JdbcTransactionObjectSupport) transaction).getConnectionHolder();
        try {
            if (defers(holder.getConnection())) {
                DeferredWrites.open(holder, what, lead);
            }
        } catch (SQLException failed) {
            throw translateException("JDBC begin", failed);
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        ConnectionHolder holder = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder();
        Connection connection = holder.getConnection();
        DeferredWrites.Closed deferred = DeferredWrites.close(holder);
        long position = deferred.position();
        try {
            if (!deferred.writes().isEmpty()) {
                long sent = DeferredWrites.send(connection, deferred.lead(), deferred.writes(), commit);
                position = DeferredWrites.Closed.highest(position, sent);
            } else {
                commitWithNothingDeferred(connection);
            }
        } catch (SQLException failed) {
            RuntimeException meaning = DeferredWrites.failure(deferred.writes(), failed);
            throw meaning != null ? meaning : translateException("JDBC commit", failed);
        }
        super.doCommit(status); // the driver sends nothing once the server's transaction has ended
        committed(position);
    }

    /**
     * The transaction has committed; the events it appended took positions up to {@code position}
     * ({@link DeferredWrites.Closed#UNKNOWN} when an append did not tell, 0 when none did). By default, nothing.
     */
    void committed(long position) {
    }

    /** Whether a transaction on {@code connection} defers its writes: on PostgreSQL only. */
    boolean defers(Connection connection) throws SQLException {
        return connection.isWrapperFor(BaseConnection.class);
    }

    /** Before the driver's commit, when the transaction deferred nothing: by default, nothing. */
    void commitWithNothingDeferred(Connection connection) throws SQLException {
    }

    /** A transaction that did not commit drops what it deferred. */
    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        DeferredWrites.close(((JdbcTransactionObjectSupport) transaction).getConnectionHolder());
        super.doCleanupAfterCompletion(transaction);
    }
}
