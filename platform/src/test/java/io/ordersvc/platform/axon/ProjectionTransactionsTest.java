package io.ordersvc.platform.axon;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionTransactionsTest {

    private final List<String> calls = new ArrayList<>();

    private final PlatformTransactionManager transactions = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            calls.add("begin");
            return new SimpleTransactionStatus(true);
        }

        @Override
        public void commit(TransactionStatus status) {
            calls.add("commit");
        }

        @Override
        public void rollback(TransactionStatus status) {
            calls.add("rollback");
        }
    };

    private final JdbcTemplate brokenConnection = new JdbcTemplate() {
        @Override
        public void execute(String sql) {
            calls.add(sql);
            throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
        }
    };

    @Test
    void a_transaction_whose_setting_could_not_be_made_is_rolled_back_not_left_open_on_the_thread() {
        var projections = new ProjectionTransactions(transactions, brokenConnection, true);

        assertThatThrownBy(projections::startTransaction).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(calls).containsExactly("begin", "SET LOCAL synchronous_commit TO OFF", "rollback");
    }

    @Test
    void on_another_database_the_transaction_is_an_ordinary_one() {
        var projections = new ProjectionTransactions(transactions, brokenConnection, false);

        projections.startTransaction().commit();

        assertThat(calls).containsExactly("begin", "commit");
    }
}
