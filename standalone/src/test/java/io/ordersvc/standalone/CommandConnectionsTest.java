package io.ordersvc.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ordersvc.platform.axon.BorrowedReads;
import io.ordersvc.platform.axon.CommandTransactions;
import io.ordersvc.standalone.support.TestDatabase;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command's transaction takes its pooled connection at its first statement (CommandTransactions): a command that
 * waits for an aggregate's lock before it reads anything holds no connection meanwhile. On a pool of one
 * connection, another thread can use it while a command's transaction is begun but has sent nothing, and cannot
 * once the command has sent a statement, until the command ends.
 */
class CommandConnectionsTest {

    HikariDataSource pool;
    TransactionManager commands;
    JdbcTemplate jdbc;
    ExecutorService elsewhere = Executors.newSingleThreadExecutor();

    @BeforeEach
    void aPoolOfOne() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.postgres() ? TestDatabase.postgresUrl()
                : "jdbc:h2:mem:command-connections" + TestDatabase.H2_OPTIONS);
        config.setUsername(TestDatabase.user());
        config.setPassword(TestDatabase.password());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        pool = new HikariDataSource(config);
        commands = new SpringTransactionManager(new CommandTransactions(pool));
        jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE TABLE IF NOT EXISTS command_connection_probe (id varchar(64) PRIMARY KEY)");
    }

    @AfterEach
    void close() {
        elsewhere.shutdownNow();
        pool.close();
    }

    private int active() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    /** Another thread asks the pool for its one connection: 1 when it got it, the failure when it did not. */
    private Integer anotherThreadsQuery() throws Exception {
        try {
            return elsewhere.submit(() -> jdbc.queryForObject("SELECT 1", Integer.class)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw (Exception) failed.getCause();
        }
    }

    private long probes(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM command_connection_probe WHERE id = ?", Long.class, id);
    }

    @Test
    void the_connection_is_taken_at_the_first_statement_and_given_back_at_the_commit() throws Exception {
        String id = "committed-" + System.nanoTime();
        Transaction command = commands.startTransaction();
        int activeOnceBegun = active();
        Integer otherWhileBegun = anotherThreadsQuery();

        jdbc.update("INSERT INTO command_connection_probe (id) VALUES (?)", id);
        int activeOnceSent = active();
        assertThatThrownBy(this::anotherThreadsQuery).isInstanceOf(CannotGetJdbcConnectionException.class);
        long seenInside = probes(id); // the command's own connection sees its write
        command.commit();

        assertThat(activeOnceBegun).isZero();
        assertThat(otherWhileBegun).isEqualTo(1);
        assertThat(activeOnceSent).isEqualTo(1);
        assertThat(seenInside).isEqualTo(1);
        assertThat(active()).isZero();
        assertThat(anotherThreadsQuery()).isEqualTo(1);
        assertThat(probes(id)).as("committed").isEqualTo(1);
    }

    @Test
    void a_rolled_back_command_undoes_its_writes_and_gives_the_connection_back() throws Exception {
        String id = "rolled-back-" + System.nanoTime();
        Transaction command = commands.startTransaction();
        jdbc.update("INSERT INTO command_connection_probe (id) VALUES (?)", id);
        command.rollback();

        assertThat(active()).isZero();
        assertThat(probes(id)).as("a write in a transaction, undone").isZero();
        assertThat(anotherThreadsQuery()).isEqualTo(1);
    }

    @Test
    void a_plain_read_before_the_first_statement_borrows_a_connection_and_gives_it_back() throws Exception {
        String id = "borrowed-" + System.nanoTime();
        jdbc.update("INSERT INTO command_connection_probe (id) VALUES (?)", id);
        BorrowedReads reads = new BorrowedReads(jdbc);
        Transaction command = commands.startTransaction();
        boolean noneBeforeTheRead = CommandTransactions.holdsNoConnection();
        List<String> read = reads.query("SELECT id FROM command_connection_probe WHERE id = ?",
                (rs, i) -> rs.getString(1), id);
        int activeAfterTheRead = active();
        boolean noneAfterTheRead = CommandTransactions.holdsNoConnection();
        Integer otherAfterTheRead = anotherThreadsQuery();

        String own = id + "-own";
        jdbc.update("INSERT INTO command_connection_probe (id) VALUES (?)", own);
        boolean noneOnceSent = CommandTransactions.holdsNoConnection();
        // on the transaction's connection now: a borrowed one would wait for the pool's only connection, and fail
        List<String> ownWrite = reads.query("SELECT id FROM command_connection_probe WHERE id = ?",
                (rs, i) -> rs.getString(1), own);
        command.commit();

        assertThat(noneBeforeTheRead).isTrue();
        assertThat(read).containsExactly(id);
        assertThat(activeAfterTheRead).as("the borrowed connection went back").isZero();
        assertThat(noneAfterTheRead).isTrue();
        assertThat(otherAfterTheRead).isEqualTo(1);
        assertThat(noneOnceSent).isFalse();
        assertThat(ownWrite).as("the transaction's own write").containsExactly(own);
        assertThat(CommandTransactions.holdsNoConnection()).as("no command transaction any more").isFalse();
    }

    @Test
    void a_command_that_sends_nothing_takes_no_connection() throws Exception {
        Transaction command = commands.startTransaction();
        Integer otherWhileOpen = anotherThreadsQuery();
        command.commit();

        assertThat(otherWhileOpen).isEqualTo(1);
        assertThat(active()).isZero();
    }
}
