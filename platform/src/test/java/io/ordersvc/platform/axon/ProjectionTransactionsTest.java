package io.ordersvc.platform.axon;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What a batch's commit sends: the setting with the COMMIT, in one round trip, only when there is a transaction. */
class ProjectionTransactionsTest {

    private final DataSource dataSource = mock(DataSource.class);
    private final Connection connection = mock(Connection.class);
    private final BaseConnection postgres = mock(BaseConnection.class);
    private final Statement statement = mock(Statement.class);
    private final ProjectionTransactions transactions = new ProjectionTransactions(dataSource);

    private void connection(boolean isPostgres, TransactionState state) throws SQLException {
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.isWrapperFor(BaseConnection.class)).thenReturn(isPostgres);
        when(connection.unwrap(BaseConnection.class)).thenReturn(postgres);
        when(postgres.getTransactionState()).thenReturn(state);
        when(connection.createStatement()).thenReturn(statement);
    }

    private TransactionStatus begin() {
        return transactions.getTransaction(new DefaultTransactionDefinition());
    }

    @Test
    void a_batch_that_sent_statements_commits_with_the_setting_in_one_statement() throws SQLException {
        connection(true, TransactionState.OPEN);

        transactions.commit(begin());

        InOrder order = inOrder(statement, connection);
        order.verify(statement).execute("SET LOCAL synchronous_commit TO OFF; COMMIT");
        order.verify(statement).close();
        order.verify(connection).commit(); // the driver's: nothing left to send
        order.verify(connection).close();
    }

    @Test
    void a_batch_that_sent_nothing_sends_nothing() throws SQLException {
        connection(true, TransactionState.IDLE);

        transactions.commit(begin());

        verify(connection, never()).createStatement();
        verify(connection).commit();
    }

    @Test
    void on_another_database_the_commit_is_an_ordinary_one() throws SQLException {
        connection(false, TransactionState.OPEN);

        transactions.commit(begin());

        verify(connection, never()).createStatement();
        verify(connection).commit();
    }

    @Test
    void a_failed_commit_is_reported_and_leaves_nothing_bound_to_the_thread() throws SQLException {
        connection(true, TransactionState.OPEN);
        when(statement.execute(anyString())).thenThrow(new SQLException("An I/O error occurred while sending to the"
                + " backend", "08006"));
        TransactionStatus batch = begin();

        assertThatThrownBy(() -> transactions.commit(batch)).isInstanceOf(TransactionSystemException.class)
                .hasRootCauseMessage("An I/O error occurred while sending to the backend");

        assertThat(TransactionSynchronizationManager.hasResource(dataSource)).isFalse();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
        verify(connection).close();
    }
}
