package io.ordersvc.standalone;

import io.ordersvc.platform.axon.DeferredWrites;
import io.ordersvc.platform.axon.JdbcTransactions;
import io.ordersvc.platform.axon.ProjectionTransactions;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A processor's batch commits without waiting for the disk; nothing else does (PostgreSQL's setting). */
class ProjectionTransactionsIT extends IntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    /** The plain statements sent on the recording data source's connections (the driver's own COMMIT is not one). */
    final List<String> sent = new CopyOnWriteArrayList<>();
    /** The statements prepared on them. */
    final List<String> prepared = new CopyOnWriteArrayList<>();

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "synchronous_commit is PostgreSQL's");
        jdbc.execute("CREATE TABLE IF NOT EXISTS projection_commit_probe (id int PRIMARY KEY)");
        jdbc.update("DELETE FROM projection_commit_probe");
    }

    /** The pool, with every plain statement's text recorded. */
    private DataSource recording() {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> {
                            Object result = invoke(real, method, args);
                            if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
                                prepared.add(sql);
                            }
                            if (result instanceof Statement s && method.getName().equals("createStatement")) {
                                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class},
                                        (p, m, a) -> {
                                            if (m.getName().startsWith("execute") && a != null && a[0] instanceof String sql) {
                                                sent.add(sql);
                                            }
                                            return invoke(s, m, a);
                                        });
                            }
                            return result;
                        });
            }
        };
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void a_batch_commits_its_writes_asynchronously_and_the_setting_ends_with_it() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);
        JdbcTemplate batchJdbc = new JdbcTemplate(recording);

        Transaction batch = projections.startTransaction();
        batchJdbc.update("INSERT INTO projection_commit_probe (id) VALUES (1)");
        String during = batchJdbc.queryForObject("SHOW synchronous_commit", String.class);
        batch.commit();

        assertThat(during).isEqualTo("on");
        assertThat(sent).containsExactly("INSERT INTO projection_commit_probe (id) VALUES (1)",
                "SHOW synchronous_commit", "SET LOCAL synchronous_commit TO OFF; COMMIT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_commit_probe", Integer.class)).isEqualTo(1);
        assertThat(batchJdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    }

    @Test
    void a_batch_that_sent_nothing_sends_nothing_at_its_commit() {
        var projections = JdbcTransactions.projections(recording(), transactions);

        projections.startTransaction().commit();

        assertThat(sent).isEmpty();
    }

    @Test
    void a_transaction_it_joins_keeps_its_durable_commit() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);

        new TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(recording))
                .executeWithoutResult(status -> {
                    Transaction inner = projections.startTransaction();
                    new JdbcTemplate(recording).update("INSERT INTO projection_commit_probe (id) VALUES (2)");
                    inner.commit();
                });

        assertThat(sent).as("the outer manager commits, durably")
                .containsExactly("INSERT INTO projection_commit_probe (id) VALUES (2)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_commit_probe", Integer.class)).isEqualTo(1);
    }

    private static final String PROBE = "INSERT INTO projection_commit_probe (id) VALUES (?)";

    private static boolean defer(DataSource on, int id) {
        return DeferredWrites.defer(on, PROBE, 1, (ps, c, first) -> ps.setInt(first, id));
    }

    private int probes() {
        return jdbc.queryForObject("SELECT count(*) FROM projection_commit_probe", Integer.class);
    }

    @Test
    void deferred_writes_wait_for_the_commit_and_go_with_it_in_one_request() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);
        JdbcTemplate batchJdbc = new JdbcTemplate(recording);

        Transaction batch = projections.startTransaction();
        batchJdbc.update("INSERT INTO projection_commit_probe (id) VALUES (1)");
        assertThat(defer(recording, 2)).isTrue();
        assertThat(defer(recording, 3)).isTrue();
        int seenBeforeCommit = batchJdbc.queryForObject("SELECT count(*) FROM projection_commit_probe", Integer.class);
        batch.commit();

        assertThat(seenBeforeCommit).as("deferred rows are not written before the commit").isEqualTo(1);
        assertThat(prepared).containsExactly(ProjectionTransactions.LEAD + "; " + PROBE + "; " + PROBE + "; COMMIT");
        assertThat(sent).doesNotContain("SET LOCAL synchronous_commit TO OFF; COMMIT");
        assertThat(probes()).isEqualTo(3);
        assertThat(batchJdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    }

    @Test
    void writes_sent_ahead_of_the_commit_carry_the_setting_and_the_commit_does_not_repeat_it() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);

        Transaction batch = projections.startTransaction();
        defer(recording, 1);
        DeferredWrites.flush(recording);
        defer(recording, 2);
        batch.commit();

        assertThat(prepared).containsExactly(ProjectionTransactions.LEAD + "; " + PROBE, PROBE + "; COMMIT");
        assertThat(probes()).isEqualTo(2);
    }

    @Test
    void deferred_writes_keep_one_plan_that_looks_rows_up_by_key_and_the_settings_end_with_the_batch() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);
        JdbcTemplate batchJdbc = new JdbcTemplate(recording);
        String asPlanned = "INSERT INTO projection_commit_probe (id) SELECT CASE WHEN"
                + " current_setting('plan_cache_mode') = 'force_generic_plan'"
                + " AND current_setting('enable_seqscan') = 'off' AND current_setting('enable_hashjoin') = 'off'"
                + " AND current_setting('enable_mergejoin') = 'off'"
                + " THEN ? ELSE -1 END";

        for (int id = 1; id <= 7; id++) { // past the five runs after which the driver names the statement
            Transaction batch = projections.startTransaction();
            int value = id;
            assertThat(DeferredWrites.defer(recording, asPlanned, 1, (ps, c, first) -> ps.setInt(first, value)))
                    .isTrue();
            batch.commit();
        }

        assertThat(jdbc.queryForList("SELECT id FROM projection_commit_probe ORDER BY id", Integer.class))
                .as("every deferred write ran under the settings").containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(batchJdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("auto");
        assertThat(batchJdbc.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
        assertThat(batchJdbc.queryForObject("SHOW enable_hashjoin", String.class)).isEqualTo("on");
    }

    /**
     * The plan a batch's UPDATE of its changed rows keeps when it was first made on an empty table (a new database's
     * first batches, a rebuild's): without the lead's settings a hash join over the whole table, which it would
     * stay at any size (session 45); with them a lookup of each row by its key, the right plan at any size, so it
     * is planned once per connection and not once per batch.
     */
    @Test
    void the_plan_a_batch_update_keeps_from_an_empty_table_looks_rows_up_by_key_at_twenty_thousand_rows() {
        jdbc.execute("DROP TABLE IF EXISTS plan_probe");
        jdbc.execute("CREATE TABLE plan_probe (id varchar(36) PRIMARY KEY, n int NOT NULL)");
        String update = "UPDATE plan_probe t SET n = v.n FROM unnest($1::varchar[], $2::int[]) AS v(id, n)"
                + " WHERE t.id = v.id";

        List<String> withLead = planAfterGrowing(update, ProjectionTransactions.LEAD);
        List<String> without = planAfterGrowing(update,
                "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)");
        jdbc.execute("DROP TABLE plan_probe");

        assertThat(String.join("\n", withLead)).contains("Nested Loop", "Index Scan using plan_probe_pkey")
                .doesNotContain("Seq Scan on plan_probe", "Hash");
        assertThat(String.join("\n", without)).as("the plan the lead's settings replace")
                .contains("Seq Scan on plan_probe");
    }

    /**
     * The plan {@code update} keeps in a transaction begun with {@code lead}: prepared on plan_probe emptied and run
     * once, then shown once the table holds 20,000 rows.
     */
    private List<String> planAfterGrowing(String update, String lead) {
        return new TransactionTemplate(transactions).execute(s -> {
            jdbc.execute("TRUNCATE plan_probe");
            jdbc.queryForList(lead);
            jdbc.execute("PREPARE batch_update(varchar[], int[]) AS " + update);
            String explain = "EXPLAIN EXECUTE batch_update(ARRAY['1', '2'], ARRAY[1, 2])";
            jdbc.queryForList(explain, String.class); // planned now, on the empty table
            jdbc.update("INSERT INTO plan_probe SELECT g::text, g FROM generate_series(1, 20000) g");
            List<String> plan = jdbc.queryForList(explain, String.class);
            jdbc.execute("DEALLOCATE batch_update");
            return plan;
        });
    }

    @Test
    void a_deferred_write_that_fails_fails_the_commit_and_the_whole_batch_is_undone() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);

        Transaction batch = projections.startTransaction();
        new JdbcTemplate(recording).update("INSERT INTO projection_commit_probe (id) VALUES (1)");
        defer(recording, 2);
        defer(recording, 1); // the key is taken: this one fails, and the COMMIT after it is never run
        assertThatThrownBy(batch::commit).hasStackTraceContaining("duplicate key");

        assertThat(probes()).isZero();
        Transaction next = projections.startTransaction();
        assertThat(defer(recording, 5)).as("the next transaction defers its own writes only").isTrue();
        next.commit();
        assertThat(jdbc.queryForList("SELECT id FROM projection_commit_probe", Integer.class)).containsExactly(5);
    }

    @Test
    void a_batch_that_rolls_back_drops_what_it_deferred() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);

        Transaction batch = projections.startTransaction();
        defer(recording, 7);
        batch.rollback();
        projections.startTransaction().commit();

        assertThat(probes()).isZero();
        assertThat(prepared).isEmpty();
    }

    @Test
    void nothing_is_deferred_outside_a_batch_nor_in_a_transaction_a_batch_joins() {
        DataSource recording = recording();
        var projections = JdbcTransactions.projections(recording, transactions);

        assertThat(defer(recording, 1)).as("no transaction").isFalse();
        Boolean joined = new TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(
                recording)).execute(status -> {
                    Transaction inner = projections.startTransaction();
                    boolean deferred = defer(recording, 2);
                    inner.commit();
                    return deferred;
                });

        assertThat(joined).as("a command's transaction commits durably, its writes made at once").isFalse();
    }

    @Autowired
    org.axonframework.eventhandling.tokenstore.TokenStore tokenStore;

    private String storedToken(String processor) {
        return jdbc.queryForObject("SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ?"
                + " AND segment = 0", String.class, processor);
    }

    @Test
    void a_batch_stores_its_token_with_its_commit_while_it_holds_the_claim() {
        String processor = "probe-" + java.util.UUID.randomUUID();
        tokenStore.initializeTokenSegments(processor, 1, new GlobalSequenceTrackingToken(1));
        tokenStore.fetchToken(processor, 0); // claimed by this instance
        var projections = JdbcTransactions.projections(dataSource, transactions);

        Transaction batch = projections.startTransaction();
        tokenStore.storeToken(new GlobalSequenceTrackingToken(42), processor, 0);
        String duringBatch = storedToken(processor); // the batch's own connection: not sent yet
        batch.commit();

        assertThat(duringBatch).doesNotContain("42");
        assertThat(tokenStore.fetchToken(processor, 0)).isEqualTo(new GlobalSequenceTrackingToken(42));
    }

    @Test
    void a_batch_whose_claim_was_taken_fails_at_its_commit_as_a_lost_claim_and_is_undone() {
        String processor = "probe-" + java.util.UUID.randomUUID();
        tokenStore.initializeTokenSegments(processor, 1, new GlobalSequenceTrackingToken(1));
        tokenStore.fetchToken(processor, 0);
        var projections = JdbcTransactions.projections(dataSource, transactions);

        Transaction batch = projections.startTransaction();
        assertThat(defer(dataSource, 9)).isTrue();
        tokenStore.storeToken(new GlobalSequenceTrackingToken(43), processor, 0);
        // meanwhile another instance took the claim over (this one had stalled past the claim timeout)
        try (var other = dataSource.getConnection(); var s = other.createStatement()) {
            s.executeUpdate("UPDATE token_entry SET owner = 'other-instance' WHERE processor_name = '" + processor + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(batch::commit)
                .isInstanceOf(org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException.class);

        assertThat(probes()).as("the batch's writes are undone with it").isZero();
        assertThat(storedToken(processor)).doesNotContain("43");
    }
}
