package io.ordersvc.platform.axon;

import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
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

    /** A connection that has begun a transaction on the server, and cannot make the setting. */
    private final JdbcTemplate brokenConnection = connection(true, true);

    private JdbcTemplate connection(boolean begun, boolean broken) {
        return new JdbcTemplate() {
            @Override
            public void execute(String sql) {
                calls.add(sql);
                if (broken) {
                    throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T execute(ConnectionCallback<T> action) {
                return (T) Boolean.valueOf(begun);
            }
        };
    }

    @Test
    void the_setting_is_made_just_before_the_commit() {
        var projections = new ProjectionTransactions(new SpringTransactionManager(transactions), connection(true, false), true);

        var transaction = projections.startTransaction();
        calls.add("the batch's statements");
        transaction.commit();

        assertThat(calls).containsExactly("begin", "the batch's statements", "SET LOCAL synchronous_commit TO OFF",
                "commit");
    }

    @Test
    void a_transaction_that_sent_nothing_costs_no_setting() {
        var projections = new ProjectionTransactions(new SpringTransactionManager(transactions), connection(false, false), true);

        projections.startTransaction().commit();

        assertThat(calls).containsExactly("begin", "commit");
    }

    @Test
    void a_transaction_whose_setting_could_not_be_made_is_rolled_back_not_left_open_on_the_thread() {
        var projections = new ProjectionTransactions(new SpringTransactionManager(transactions), brokenConnection, true);
        var transaction = projections.startTransaction();

        assertThatThrownBy(transaction::commit).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(calls).containsExactly("begin", "SET LOCAL synchronous_commit TO OFF", "rollback");
    }

    @Test
    void on_another_database_the_transaction_is_an_ordinary_one() {
        var projections = new ProjectionTransactions(new SpringTransactionManager(transactions), brokenConnection, false);

        projections.startTransaction().commit();

        assertThat(calls).containsExactly("begin", "commit");
    }
}
