package io.ordersvc.standalone;

import io.ordersvc.platform.axon.JdbcTransactions;
import io.ordersvc.platform.axon.ProjectionTransactions;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.axonframework.common.transaction.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A processor's batch commits without waiting for the disk; nothing else does (PostgreSQL's setting). */
class ProjectionTransactionsIT extends IntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    javax.sql.DataSource dataSource;

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "synchronous_commit is PostgreSQL's");
    }

    private String synchronousCommit() {
        return jdbc.queryForObject("SHOW synchronous_commit", String.class);
    }

    @Test
    void a_batch_transaction_commits_asynchronously_and_the_setting_ends_with_it() {
        var projections = new ProjectionTransactions(JdbcTransactions.jdbcFirst(dataSource, transactions), jdbc, true);

        Transaction batch = projections.startTransaction();
        String during = synchronousCommit();
        String[] atCommit = new String[1];
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                atCommit[0] = synchronousCommit();
            }
        });
        batch.commit();

        assertThat(during).as("made just before the commit").isEqualTo("on");
        assertThat(atCommit[0]).isEqualTo("off");
        assertThat(synchronousCommit()).isEqualTo("on");
    }

    @Test
    void a_transaction_it_joins_keeps_its_durable_commit() {
        var projections = new ProjectionTransactions(JdbcTransactions.jdbcFirst(dataSource, transactions), jdbc, true);

        String joined = new TransactionTemplate(transactions).execute(status -> {
            Transaction inner = projections.startTransaction();
            String setting = synchronousCommit();
            inner.commit();
            return setting;
        });

        assertThat(joined).isEqualTo("on");
    }
}
