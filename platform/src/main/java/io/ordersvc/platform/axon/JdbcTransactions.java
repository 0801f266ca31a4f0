package io.ordersvc.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;

/**
 * Axon's transactions on Spring's two managers for the one pool: JDBC's ({@link DataSourceTransactionManager}) and
 * JPA's (the query side reads through JPA). Work that goes through JDBC alone, commands (the event store, the
 * command side's tables) and the projections' batches, begins JDBC transactions ({@link #commands}): a JPA one
 * opened, began and closed a Hibernate session nobody used, 3.9 % of the request threads' CPU in session 20's
 * profile. Everything else (queries, which run JPA's {@code @Transactional} inside, and the other processors) keeps
 * JPA's ({@link #jpaFirst}, Axon's default transaction manager here). JdbcTemplate, the event store and everything
 * else that asks Spring for the transaction's connection get the same one either way.
 * <p>
 * Started while a transaction is already active, either joins that one through the manager that began it: JPA's
 * when an {@link EntityManagerHolder} is bound, JDBC's otherwise. JPA's manager cannot join a JDBC transaction (a
 * subscribing processor inside a command's unit of work), and neither may commit a connection it does not own.
 */
public final class JdbcTransactions implements TransactionManager {

    private final SpringTransactionManager jdbc;
    private final SpringTransactionManager jpa;
    private final boolean jdbcFirst;

    private JdbcTransactions(DataSourceTransactionManager jdbc, PlatformTransactionManager jpa, boolean jdbcFirst) {
        this.jdbc = new SpringTransactionManager(jdbc);
        this.jpa = new SpringTransactionManager(jpa);
        this.jdbcFirst = jdbcFirst;
    }

    /** Begins JDBC transactions; joins an active one. */
    public static JdbcTransactions jdbcFirst(DataSource dataSource, PlatformTransactionManager jpa) {
        return new JdbcTransactions(new DataSourceTransactionManager(dataSource), jpa, true);
    }

    /** Begins JDBC transactions that commit as {@link CommandTransactions} do; joins an active one. */
    public static JdbcTransactions commands(DataSource dataSource, PlatformTransactionManager jpa) {
        return new JdbcTransactions(new CommandTransactions(dataSource), jpa, true);
    }

    /** Begins JDBC transactions that commit as {@link ProjectionTransactions} does; joins an active one. */
    public static JdbcTransactions projections(DataSource dataSource, PlatformTransactionManager jpa) {
        return new JdbcTransactions(new ProjectionTransactions(dataSource), jpa, true);
    }

    /** Begins JPA transactions; joins an active one, a JDBC one included. */
    public static JdbcTransactions jpaFirst(DataSource dataSource, PlatformTransactionManager jpa) {
        return new JdbcTransactions(new DataSourceTransactionManager(dataSource), jpa, false);
    }

    @Override
    public Transaction startTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return (jdbcFirst ? jdbc : jpa).startTransaction();
        }
        boolean jpaActive = TransactionSynchronizationManager.getResourceMap().values().stream()
                .anyMatch(EntityManagerHolder.class::isInstance);
        return (jpaActive ? jpa : jdbc).startTransaction();
    }
}
