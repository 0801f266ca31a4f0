package io.ordersvc.platform.axon;

import io.ordersvc.platform.schema.SchemaMigrations;
import io.ordersvc.standalone.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The cached aggregates' freshness check against the build's event table (PostgreSQL with -Ppostgres). */
class StoredSequenceNumbersTest {

    private JdbcTemplate jdbc;
    private StoredSequenceNumbers numbers;

    @BeforeEach
    void database() throws Exception {
        DataSource db = TestDatabase.fresh("stored_sequence_numbers_test");
        new SchemaMigrations(List.of()).migrate(TestDatabase.platformFlyway(db));
        jdbc = new JdbcTemplate(db);
        jdbc.update("DELETE FROM domain_event_entry"); // H2's in-memory database outlives a test
        numbers = new StoredSequenceNumbers(jdbc);
    }

    /** Events 0..last of each aggregate, in one batch. */
    private void stored(int aggregates, int eventsEach) {
        List<Object[]> rows = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            for (int s = 0; s < eventsEach; s++) {
                rows.add(new Object[] {"event-" + a + "-" + s, "order-" + a, s, "Order", "2026-12-01T00:00:00Z",
                        "OrderPlaced", new byte[] {'{', '}'}});
            }
        }
        jdbc.batchUpdate("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                + " type, time_stamp, payload_type, payload) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
    }

    @Test
    void each_aggregate_named_gets_its_last_sequence_number_and_one_without_events_none() {
        stored(3, 4);
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'order-1' AND sequence_number = 3");

        Map<String, Long> last = numbers.of(List.of("order-0", "order-1", "order-2", "never-stored"));

        assertThat(last).containsExactlyInAnyOrderEntriesOf(Map.of("order-0", 3L, "order-1", 2L, "order-2", 3L));
        assertThat(numbers.of(List.of())).isEmpty();
    }

    @Test
    void more_aggregates_than_one_in_list_holds_are_all_answered() {
        stored(1200, 1);
        List<String> ids = IntStream.range(0, 1200).mapToObj(i -> "order-" + i).toList();

        assertThat(numbers.of(ids)).hasSize(1200).containsEntry("order-1199", 0L);
    }

    @Test
    void a_batch_probes_the_unique_key_per_aggregate_even_without_statistics() {
        assumeTrue(TestDatabase.postgres(), "the plan is PostgreSQL's");
        stored(6000, 5);
        // No ANALYZE, as on a young table or with autovacuum off: as aggregate_identifier IN (...) PostgreSQL
        // guessed half a percent of the table per identifier and read all 30,000 rows for 130 orders.
        String[] ids = IntStream.range(0, 130).mapToObj(i -> "order-" + i * 41).toArray(String[]::new);
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + StoredSequenceNumbers.BY_IDS, String.class,
                (Object) ids));

        assertThat(plan).contains("domain_event_entry_aggregate_seq_uk")
                .doesNotContain("Seq Scan on domain_event_entry");
        assertThat(numbers.of(List.of(ids))).hasSize(130).containsEntry("order-41", 4L);
    }
}
