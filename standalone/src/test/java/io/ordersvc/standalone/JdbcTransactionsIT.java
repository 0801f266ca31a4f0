package io.ordersvc.standalone;

import io.ordersvc.platform.axon.JdbcTransactions;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands and the projections' batches run in JDBC transactions, with no JPA session: on their own they begin,
 * commit and roll back for real; inside a JPA transaction (or another JDBC one) they join it and leave its end to it.
 */
class JdbcTransactionsIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager jpa;

    @Autowired
    CommandBus commandBus;

    JdbcTransactions transactions;

    @BeforeEach
    void table() {
        transactions = JdbcTransactions.jdbcFirst(dataSource, jpa);
        jdbc.execute("CREATE TABLE IF NOT EXISTS jdbc_transactions_probe (id VARCHAR(64) PRIMARY KEY)");
    }

    private String insert() {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO jdbc_transactions_probe (id) VALUES (?)", id);
        return id;
    }

    private boolean stored(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM jdbc_transactions_probe WHERE id = ?", Long.class, id) == 1;
    }

    private static boolean jpaSessionBound() {
        return TransactionSynchronizationManager.getResourceMap().values().stream()
                .anyMatch(EntityManagerHolder.class::isInstance);
    }

    @Test
    void on_its_own_it_is_a_real_transaction_without_a_jpa_session() {
        Transaction rolledBack = transactions.startTransaction();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
        assertThat(jpaSessionBound()).isFalse();
        String gone = insert();
        rolledBack.rollback();
        assertThat(stored(gone)).isFalse();

        Transaction committed = transactions.startTransaction();
        String kept = insert();
        committed.commit();
        assertThat(stored(kept)).isTrue();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
    }

    @Test
    void inside_a_jpa_transaction_it_joins_and_leaves_the_end_to_it() {
        String[] ids = new String[1];
        new TransactionTemplate(jpa).executeWithoutResult(outer -> {
            Transaction inner = transactions.startTransaction();
            ids[0] = insert();
            inner.commit();
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).as("still the outer one")
                    .isTrue();
            outer.setRollbackOnly();
        });
        assertThat(stored(ids[0])).as("rolled back with the JPA transaction it joined").isFalse();
    }

    @Test
    void inside_another_of_its_transactions_it_joins_it() {
        Transaction outer = transactions.startTransaction();
        Transaction inner = transactions.startTransaction();
        String id = insert();
        inner.commit();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
        outer.rollback();
        assertThat(stored(id)).isFalse();
    }

    @Test
    void axons_other_transactions_begin_with_jpa_and_join_a_jdbc_one_under_way() {
        var others = JdbcTransactions.jpaFirst(dataSource, jpa);
        Transaction alone = others.startTransaction();
        assertThat(jpaSessionBound()).as("queries run JPA's @Transactional inside").isTrue();
        alone.rollback();

        // A subscribing processor inside a command's unit of work: JPA's manager could not join it.
        Transaction command = transactions.startTransaction();
        Transaction processor = others.startTransaction();
        assertThat(jpaSessionBound()).isFalse();
        String id = insert();
        processor.commit();
        command.rollback();
        assertThat(stored(id)).as("rolled back with the command's transaction").isFalse();
    }

    @Test
    void a_command_runs_in_a_transaction_with_no_jpa_session() {
        List<String> seen = new CopyOnWriteArrayList<>();
        MessageHandlerInterceptor<CommandMessage<?>> look = (unitOfWork, chain) -> {
            seen.add(TransactionSynchronizationManager.isActualTransactionActive() + "/" + jpaSessionBound());
            return chain.proceed();
        };
        Registration registration = commandBus.registerHandlerInterceptor(look);
        try {
            String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
            Api.Sku sku = api.createProduct(seller, "Plain JDBC", "3.00", 5).get(0);
            api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201);
        } finally {
            registration.cancel();
        }
        assertThat(seen).isNotEmpty().containsOnly("true/false");
    }
}
