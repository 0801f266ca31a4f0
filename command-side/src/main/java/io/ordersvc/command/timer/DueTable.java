package io.ordersvc.command.timer;

import io.ordersvc.platform.schema.Databases;
import io.ordersvc.shared.order.TimerType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** order_timer in plain JDBC: the projection's loads and batched writes, the sweep's claims. */
@Component
class DueTable {

    private static final int IN_LIST = 200;
    private static final String COLUMNS = "order_id, timer_type, due_at, holds";
    /** Rows of a type (1) due by a time (2), claimed or not: a held row is not due. */
    private static final String DUE_CLAIMED_OR_NOT = " FROM order_timer WHERE timer_type = ? AND holds = 0"
            + " AND due_at <= ?";
    /**
     * Rows of a type (1) due by a time (2) that no live claim holds (3: the same time). PostgreSQL's
     * {@code order_timer_due} (V11, {@link #ANY_DUE}) states the same rule; DueTableTest holds the two to it.
     */
    static final String DUE = DUE_CLAIMED_OR_NOT + " AND (claimed_until IS NULL OR claimed_until <= ?)";
    /** Every type's due rows counted, claimed or not, and the oldest's due date: a type (1) and a time (2) each. */
    private static final String BACKLOG = String.join(" UNION ALL ", Collections.nCopies(TimerType.values().length,
            "SELECT timer_type, count(*), min(due_at)" + DUE_CLAIMED_OR_NOT + " GROUP BY timer_type"));
    private static final RowMapper<Due> ROW = (rs, i) -> new Due(rs.getString(1),
            TimerType.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), instant(rs.getObject(3, OffsetDateTime.class)), rs.getInt(4));

    /**
     * The rows of a batch's orders: on PostgreSQL one probe of the primary key per order, however many orders. By
     * {@code order_id IN (...)} PostgreSQL had to guess how many rows each order has; without statistics (a young
     * table, or autovacuum off as on the bench machine) it guessed half a percent of the table per order, and from
     * about 22 orders on it scanned the whole table: 17-27 ms a batch instead of 0.1, a seventh of PostgreSQL's CPU
     * under load (bench/README.md, session 23). As a plain join of the keys it weighed one pass over the table
     * against a probe per key and, with the table's size as it last saw it, hashed the keys and scanned every row,
     * dead ones included (session 30). So each order is its own subquery ({@code LATERAL}), which its {@code LIMIT}
     * keeps from being pulled up into a join, and its rows come in the primary key's order: a scan of the table
     * would have to read it whole and sort it before its first row, whatever PostgreSQL guesses, while the key's
     * index hands them over in order at once. Until session 55 each order was looked up with each of the five timer
     * types, a probe of the key each: five times the buffers for the one to three rows an order has.
     */
    static final String BY_ORDERS = "SELECT t.order_id, t.timer_type, t.due_at, t.holds"
            + " FROM unnest(?::varchar[]) AS k(order_id)"
            + " CROSS JOIN LATERAL (SELECT x.order_id, x.timer_type, x.due_at, x.holds FROM order_timer x"
            + " WHERE x.order_id = k.order_id ORDER BY x.timer_type LIMIT " + TimerType.values().length + ") t";

    /** On PostgreSQL: whether a row of a type (1) is due at a time (2) ({@link #DUE}), by a plain scan of the index. */
    static final String ANY_DUE = "SELECT order_timer_due(?, ?)";
    private static final String NO_BITMAP_SCAN = "SET LOCAL enable_bitmapscan = off";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BooleanSupplier postgres;

    DueTable(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.postgres = Databases.postgres(jdbc);
    }

    List<Due> load(Collection<String> orderIds) {
        List<String> ids = List.copyOf(orderIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        if (postgres.getAsBoolean()) {
            return jdbc.query(BY_ORDERS, ROW, (Object) ids.toArray(String[]::new));
        }
        List<Due> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            rows.addAll(jdbc.query("SELECT " + COLUMNS + " FROM order_timer WHERE order_id IN ("
                    + chunk.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")", ROW, chunk.toArray()));
        }
        return rows;
    }

    /**
     * Writes a batch's changes: every written row is free to be claimed again. A row a sweep deleted meanwhile
     * (its timer fired) is inserted again with the projection's newer state; the order's rules refuse a second
     * firing that came too late.
     */
    void write(DueBook.Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        // One statement for a batch's deletes (a paid order's payment timer, a completed order's receipt timer):
        // as a JDBC batch each row was a statement of its own.
        List<DueBook.Key> deletes = changes.deletes();
        for (int from = 0; from < deletes.size(); from += IN_LIST) {
            var chunk = deletes.subList(from, Math.min(deletes.size(), from + IN_LIST));
            jdbc.update("DELETE FROM order_timer WHERE (order_id, timer_type) IN ("
                            + chunk.stream().map(k -> "(?, ?)").collect(Collectors.joining(", ")) + ")",
                    chunk.stream().flatMap(k -> java.util.stream.Stream.of(k.orderId(), k.type().value())).toArray());
        }
        List<Due> inserts = new ArrayList<>(changes.inserts());
        if (!changes.updates().isEmpty()) {
            int[] updated = jdbc.batchUpdate("UPDATE order_timer SET due_at = ?, holds = ?, claimed_until = NULL"
                    + " WHERE order_id = ? AND timer_type = ?", changes.updates().stream()
                    .map(d -> new Object[]{timestamp(d.dueAt()), d.holds(), d.orderId(), d.type().value()}).toList());
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    inserts.add(changes.updates().get(i));
                }
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO order_timer (" + COLUMNS + ") VALUES (?, ?, ?, ?)", inserts.stream()
                    .map(d -> new Object[]{d.orderId(), d.type().value(), timestamp(d.dueAt()), d.holds()}).toList());
        }
    }

    void deleteAll() {
        jdbc.update("DELETE FROM order_timer");
    }

    /**
     * Takes up to {@code limit} due timers of one type, oldest first, until {@code until}: rows another sweep holds
     * are skipped, not waited for, and a claim whose sweep died lapses at its end.
     */
    List<Due> claim(TimerType type, Instant now, Instant until, int limit) {
        // Most sweeps find nothing due: one statement outside a transaction says so.
        if (!anyDue(type, now)) {
            return List.of();
        }
        return transaction.execute(status -> {
            if (postgres.getAsBoolean()) {
                jdbc.execute(NO_BITMAP_SCAN); // past paid orders' dead rows by the index alone (see anyDue)
            }
            List<Due> due = jdbc.query("SELECT " + COLUMNS + DUE + " ORDER BY due_at FETCH FIRST " + limit
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED", ROW,
                    type.value(), timestamp(now), timestamp(now));
            if (!due.isEmpty()) {
                jdbc.batchUpdate("UPDATE order_timer SET claimed_until = ? WHERE order_id = ? AND timer_type = ?",
                        due.stream().map(d -> new Object[]{timestamp(until), d.orderId(), type.value()}).toList());
            }
            return due;
        });
    }

    /**
     * Whether a timer of the type is due at {@code now}. On PostgreSQL by a plain scan of the due index, which skips
     * the dead entries of deleted timers (most payment timers: their orders were paid) once it has met them; the
     * planner chose a bitmap scan, which visits the heap for each of them on every sweep (the migration
     * V11__timer_due_check_past_dead_rows).
     */
    private boolean anyDue(TimerType type, Instant now) {
        if (postgres.getAsBoolean()) {
            return Boolean.TRUE.equals(jdbc.queryForObject(ANY_DUE, Boolean.class, type.value(), timestamp(now)));
        }
        return !jdbc.queryForList("SELECT order_id" + DUE + " FETCH FIRST 1 ROWS ONLY", String.class, type.value(),
                timestamp(now), timestamp(now)).isEmpty();
    }

    /** A timer type's backlog: its due timers not fired yet, and when the oldest of them fell due (null: none). */
    record Backlog(TimerType type, long due, Instant oldest) {
    }

    /**
     * Every type's backlog at {@code now}, a claimed timer included (its sweep is firing it, or died and its claim
     * will lapse): one statement, a range of the due index per type.
     */
    List<Backlog> backlog(Instant now) {
        List<Object> args = new ArrayList<>();
        for (TimerType type : TimerType.values()) {
            args.add(type.value());
            args.add(timestamp(now));
        }
        Map<TimerType, Backlog> found = new EnumMap<>(TimerType.class);
        jdbc.query(BACKLOG, rs -> {
            TimerType type = TimerType.valueOf(rs.getString(1).toUpperCase(Locale.ROOT));
            found.put(type, new Backlog(type, rs.getLong(2), instant(rs.getObject(3, OffsetDateTime.class))));
        }, args.toArray());
        return Arrays.stream(TimerType.values()).map(t -> found.getOrDefault(t, new Backlog(t, 0, null))).toList();
    }

    /** The timers fired: gone, unless the projection moved them meanwhile (a new date, a hold). */
    void fired(List<Due> fired, Instant claimedUntil) {
        if (!fired.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM order_timer WHERE order_id = ? AND timer_type = ? AND due_at = ?"
                    + " AND claimed_until = ?", fired.stream().map(d -> new Object[]{d.orderId(), d.type().value(),
                    timestamp(d.dueAt()), timestamp(claimedUntil)}).toList());
        }
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
