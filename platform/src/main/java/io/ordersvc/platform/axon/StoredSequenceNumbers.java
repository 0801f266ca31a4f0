package io.ordersvc.platform.axon;

import io.ordersvc.platform.schema.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The freshness check of cached aggregates a unit of work only read ({@link FreshAggregateCache}): the last sequence
 * number of each, all of them in one query, in the unit of work's transaction.
 * <p>
 * On PostgreSQL each identifier is its own subquery on the event table's unique key (aggregate, sequence number),
 * read backwards to its first entry. As {@code aggregate_identifier IN (...)} PostgreSQL had to guess how many events
 * each aggregate has; without statistics (a young table, or autovacuum off as on the bench machine) it guessed half a
 * percent of the table per identifier, and from a few dozen identifiers on it read the whole event table instead. The
 * order-due-dates processor checks every order a batch's receipts made it read (MemberSpending): 60-135 orders a
 * batch, 100-480 ms each, a quarter of PostgreSQL's execution time at 32 clients (bench/README.md, session 42). A
 * unique key's leading column needs no statistics to be probed: 1 ms for 127 orders on the same table.
 */
final class StoredSequenceNumbers implements FreshAggregateCache.LastSequenceNumbers {

    static final String BY_IDS = "SELECT k.id, (SELECT max(e.sequence_number) FROM " + AxonStorageConfig.EVENT_TABLE
            + " e WHERE e.aggregate_identifier = k.id) FROM unnest(?::varchar[]) AS k(id)";
    /** Identifiers per query elsewhere (an IN list of parameters). */
    private static final int IN_LIST = 500;

    private final JdbcTemplate jdbc;
    private final BooleanSupplier postgres;

    StoredSequenceNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = Databases.postgres(jdbc);
    }

    @Override
    public Map<String, Long> of(Collection<String> aggregateIds) {
        DeferredWrites.flush(jdbc.getDataSource()); // appends this unit of work deferred count
        Map<String, Long> last = new HashMap<>();
        RowCallbackHandler row = rs -> {
            long sequence = rs.getLong(2);
            if (!rs.wasNull()) {
                last.put(rs.getString(1), sequence);
            }
        };
        List<String> all = List.copyOf(aggregateIds);
        if (all.isEmpty()) {
            return last;
        }
        if (postgres.getAsBoolean()) {
            jdbc.query(BY_IDS, row, (Object) all.toArray(String[]::new));
            return last;
        }
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            jdbc.query("SELECT aggregate_identifier, max(sequence_number) FROM " + AxonStorageConfig.EVENT_TABLE
                    + " WHERE aggregate_identifier IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ") GROUP BY aggregate_identifier", row, chunk.toArray());
        }
        return last;
    }
}
