package io.ordersvc.command.timer;

import io.ordersvc.command.CommandSideSchema;
import io.ordersvc.platform.schema.SchemaMigrations;
import io.ordersvc.shared.order.TimerType;
import io.ordersvc.standalone.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.ordersvc.shared.order.TimerType.AUTO_CONFIRM;
import static io.ordersvc.shared.order.TimerType.PAYMENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * order_timer as the sweeps use it, on the build's database (PostgreSQL with -Ppostgres): concurrent sweeps never
 * take the same row, a claim lapses, and a fired row goes only if the projection did not move it meanwhile.
 */
class DueTableTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration CLAIM = Duration.ofSeconds(30);

    private DueTable table;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() throws Exception {
        DataSource db = TestDatabase.fresh("due_table_test");
        new SchemaMigrations(List.of(CommandSideSchema.SCHEMA)).migrate(TestDatabase.platformFlyway(db));
        jdbc = new JdbcTemplate(db);
        jdbc.update("DELETE FROM order_timer"); // H2's in-memory database outlives a test
        table = new DueTable(jdbc, new DataSourceTransactionManager(db));
    }

    private void stored(Due... rows) {
        table.write(new DueBook.Changes(List.of(rows), List.of(), List.of()));
    }

    private static Due due(String order, TimerType type, Duration before) {
        return new Due(order, type, NOW.minus(before), 0);
    }

    @Test
    void concurrent_sweeps_take_every_due_row_exactly_once() throws Exception {
        List<Due> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(due("order-" + i, PAYMENT_TIMEOUT, Duration.ofSeconds(i)));
        }
        stored(rows.toArray(Due[]::new));
        stored(due("held", PAYMENT_TIMEOUT, Duration.ZERO).withDueAt(null)); // no date: never due
        ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
        ExecutorService sweeps = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            done.add(sweeps.submit(() -> {
                start.await();
                List<Due> batch;
                while (!(batch = table.claim(PAYMENT_TIMEOUT, NOW, NOW.plus(CLAIM), 20)).isEmpty()) {
                    batch.forEach(d -> taken.add(d.orderId()));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        sweeps.shutdown();
        assertThat(taken).hasSize(300);
        assertThat(Set.copyOf(taken)).hasSize(300);
    }

    @Test
    void only_due_unheld_rows_of_the_type_are_claimed_and_a_claim_lapses() {
        stored(due("a", PAYMENT_TIMEOUT, Duration.ofSeconds(1)), due("b", PAYMENT_TIMEOUT, Duration.ofSeconds(-5)),
                due("c", AUTO_CONFIRM, Duration.ofSeconds(1)), new Due("d", PAYMENT_TIMEOUT, NOW, 1));
        assertThat(table.claim(PAYMENT_TIMEOUT, NOW, NOW.plus(CLAIM), 10)).extracting(Due::orderId)
                .containsExactly("a");
        assertThat(table.claim(PAYMENT_TIMEOUT, NOW, NOW.plus(CLAIM), 10)).as("claimed").isEmpty();
        Instant later = NOW.plus(CLAIM);
        assertThat(table.claim(PAYMENT_TIMEOUT, later, later.plus(CLAIM), 10)).extracting(Due::orderId)
                .as("the claim lapsed; b fell due meanwhile").containsExactlyInAnyOrder("a", "b");
    }

    /**
     * PostgreSQL's check (the function V11 created) and the claim's query (DueTable.DUE) state one rule twice:
     * each kind of row is due for both or for neither.
     */
    @Test
    void postgresqls_due_check_and_the_claims_query_agree_on_every_kind_of_row() {
        assumeTrue(TestDatabase.postgres(), "the function is PostgreSQL's");
        Map<String, Boolean> cases = new LinkedHashMap<>();
        cases.put("due", true);
        cases.put("due now", true);
        cases.put("not yet due", false);
        cases.put("held", false);
        cases.put("held, no date", false);
        cases.put("claimed", false);
        cases.put("claim lapsed", true);
        cases.put("another type", false);
        for (Map.Entry<String, Boolean> kind : cases.entrySet()) {
            jdbc.update("DELETE FROM order_timer");
            switch (kind.getKey()) {
                case "due" -> stored(due("o", PAYMENT_TIMEOUT, Duration.ofSeconds(1)));
                case "due now" -> stored(due("o", PAYMENT_TIMEOUT, Duration.ZERO));
                case "not yet due" -> stored(due("o", PAYMENT_TIMEOUT, Duration.ofSeconds(-1)));
                case "held" -> stored(new Due("o", PAYMENT_TIMEOUT, NOW.minusSeconds(1), 1));
                case "held, no date" -> stored(new Due("o", PAYMENT_TIMEOUT, null, 1));
                case "claimed", "claim lapsed" -> {
                    stored(due("o", PAYMENT_TIMEOUT, Duration.ofSeconds(1)));
                    jdbc.update("UPDATE order_timer SET claimed_until = ?", java.sql.Timestamp.from(
                            kind.getKey().equals("claimed") ? NOW.plusSeconds(1) : NOW));
                }
                default -> stored(due("o", AUTO_CONFIRM, Duration.ofSeconds(1)));
            }
            java.sql.Timestamp now = java.sql.Timestamp.from(NOW);
            boolean checked = jdbc.queryForObject(DueTable.ANY_DUE, Boolean.class, "payment_timeout", now);
            boolean queried = !jdbc.queryForList("SELECT order_id" + DueTable.DUE, String.class, "payment_timeout",
                    now, now).isEmpty();
            assertThat(List.of(checked, queried)).as(kind.getKey()).containsOnly(kind.getValue());
        }
    }

    @Test
    void the_backlog_counts_each_types_due_unheld_rows_claimed_or_not_and_dates_the_oldest() {
        stored(due("a", PAYMENT_TIMEOUT, Duration.ofSeconds(7)), due("b", PAYMENT_TIMEOUT, Duration.ofSeconds(2)),
                due("c", PAYMENT_TIMEOUT, Duration.ofSeconds(-5)), new Due("d", AUTO_CONFIRM, NOW.minusSeconds(60), 1),
                new Due("e", AUTO_CONFIRM, null, 1), due("f", TimerType.REVIEW_WINDOW, Duration.ofSeconds(3)));
        table.claim(TimerType.REVIEW_WINDOW, NOW, NOW.plus(CLAIM), 10);

        assertThat(table.backlog(NOW)).containsExactly(
                new DueTable.Backlog(PAYMENT_TIMEOUT, 2, NOW.minusSeconds(7)),
                new DueTable.Backlog(AUTO_CONFIRM, 0, null),
                new DueTable.Backlog(TimerType.REVIEW_WINDOW, 1, NOW.minusSeconds(3)),
                new DueTable.Backlog(TimerType.AFTER_SALES_WINDOW, 0, null),
                new DueTable.Backlog(TimerType.TICKET_EXPIRY, 0, null));
    }

    @Test
    void a_fired_row_goes_unless_the_projection_moved_it_since_the_claim() {
        stored(due("fired", AUTO_CONFIRM, Duration.ofSeconds(1)), due("moved", AUTO_CONFIRM, Duration.ofSeconds(1)));
        Instant until = NOW.plus(CLAIM);
        List<Due> claimed = table.claim(AUTO_CONFIRM, NOW, until, 10);
        assertThat(claimed).hasSize(2);
        Due moved = claimed.stream().filter(d -> d.orderId().equals("moved")).findFirst().orElseThrow();
        table.write(new DueBook.Changes(List.of(), List.of(new Due("moved", AUTO_CONFIRM, moved.dueAt(), 1)),
                List.of())); // a refund opened: held
        table.fired(claimed, until);
        assertThat(jdbc.queryForList("SELECT order_id FROM order_timer", String.class)).containsExactly("moved");
    }

    @Test
    void a_row_a_sweep_deleted_meanwhile_is_written_again_by_the_projection() {
        stored(due("o", AUTO_CONFIRM, Duration.ofSeconds(1)));
        Instant until = NOW.plus(CLAIM);
        table.fired(table.claim(AUTO_CONFIRM, NOW, until, 10), until);
        table.write(new DueBook.Changes(List.of(), List.of(new Due("o", AUTO_CONFIRM, NOW.plusSeconds(60), 0)),
                List.of()));
        assertThat(table.load(List.of("o"))).containsExactly(new Due("o", AUTO_CONFIRM, NOW.plusSeconds(60), 0));
    }

    @Test
    void rows_load_by_order_across_chunks() {
        List<Due> rows = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            rows.add(due("order-" + i, PAYMENT_TIMEOUT, Duration.ofSeconds(1)));
        }
        stored(rows.toArray(Due[]::new));
        List<String> wanted = rows.stream().map(Due::orderId).filter(id -> !id.endsWith("7")).toList();
        assertThat(table.load(wanted).stream().map(Due::orderId).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(wanted));
    }

    @Test
    void an_orders_rows_of_every_type_load_and_no_other_orders() {
        Due payment = due("a", PAYMENT_TIMEOUT, Duration.ofSeconds(5));
        Due held = new Due("a", AUTO_CONFIRM, null, 2);
        Due review = due("a", TimerType.REVIEW_WINDOW, Duration.ofDays(-15));
        Due window = due("a", TimerType.AFTER_SALES_WINDOW, Duration.ofDays(-15));
        Due tickets = due("a", TimerType.TICKET_EXPIRY, Duration.ofDays(-30));
        Due other = due("b", PAYMENT_TIMEOUT, Duration.ofSeconds(5));
        stored(payment, held, review, window, tickets, other);
        assertThat(table.load(List.of("a", "none"))).containsExactlyInAnyOrder(payment, held, review, window, tickets);
        assertThat(table.load(List.of())).isEmpty();
    }

    @Test
    void a_batch_looks_its_orders_up_by_the_primary_key_however_many_rows_the_table_has() {
        assumeTrue(TestDatabase.postgres(), "the plan is PostgreSQL's");
        List<Due> rows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            rows.add(due("order-" + i, i % 2 == 0 ? PAYMENT_TIMEOUT : AUTO_CONFIRM, Duration.ofSeconds(i)));
        }
        stored(rows.toArray(Due[]::new));
        // A processor's batch: 40 orders. As a plain join PostgreSQL hashed the keys and scanned all 6,000 rows; by
        // order_id alone, with no statistics, it guessed 30 rows an order and could scan the table for them.
        String[] ids = new String[40];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "order-" + i * 7;
        }
        String unanalyzed = String.join("\n", jdbc.queryForList("EXPLAIN " + DueTable.BY_ORDERS, String.class,
                (Object) ids));
        jdbc.execute("ANALYZE order_timer");
        String analyzed = String.join("\n", jdbc.queryForList("EXPLAIN " + DueTable.BY_ORDERS, String.class,
                (Object) ids));

        assertThat(List.of(unanalyzed, analyzed)).allSatisfy(plan -> assertThat(plan)
                .contains("Index Scan using order_timer_pkey").doesNotContain("Seq Scan").doesNotContain("Sort"));
        assertThat(table.load(List.of("order-0", "order-7"))).extracting(Due::orderId)
                .containsExactlyInAnyOrder("order-0", "order-7");
    }

    @Test
    void the_due_check_passes_the_dead_rows_of_deleted_timers_by_the_index_without_their_heap_pages() {
        assumeTrue(TestDatabase.postgres(), "the plan is PostgreSQL's");
        List<Due> paid = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            paid.add(due("paid-" + i, PAYMENT_TIMEOUT, Duration.ofSeconds(i + 1)));
        }
        stored(paid.toArray(Due[]::new));
        // Their orders were paid: the rows are dead, their entries stay in the due index until VACUUM.
        table.write(new DueBook.Changes(List.of(), List.of(), paid.stream()
                .map(d -> new DueBook.Key(d.orderId(), d.type())).toList()));
        stored(due("unpaid", PAYMENT_TIMEOUT, Duration.ZERO)); // due after all of them: the scan passes them first

        Long heapBlocks = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .execute(status -> {
                    assertThat(jdbc.queryForObject(DueTable.ANY_DUE, Boolean.class, "payment_timeout",
                            java.sql.Timestamp.from(NOW))).isTrue();
                    long before = heapBlocksRead();
                    assertThat(jdbc.queryForObject(DueTable.ANY_DUE, Boolean.class, "payment_timeout",
                            java.sql.Timestamp.from(NOW))).isTrue();
                    return heapBlocksRead() - before;
                });

        // A bitmap scan, the planner's choice for so few live rows, read the heap page of each of the 6,000 dead
        // entries on every check; the plain index scan marked them the first time and passes them by the index.
        assertThat(heapBlocks).isLessThanOrEqualTo(1);
        assertThat(table.claim(PAYMENT_TIMEOUT, NOW, NOW.plus(CLAIM), 10)).extracting(Due::orderId)
                .containsExactly("unpaid");
    }

    /** The heap blocks of order_timer this transaction has read so far (hits included). */
    private long heapBlocksRead() {
        return jdbc.queryForObject("SELECT pg_stat_get_xact_blocks_fetched('order_timer'::regclass)", Long.class);
    }
}
