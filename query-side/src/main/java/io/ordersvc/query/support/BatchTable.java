package io.ordersvc.query.support;

import io.ordersvc.platform.axon.DeferredWrites;
import io.ordersvc.platform.axon.EventBatch;
import io.ordersvc.platform.schema.Databases;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializationException;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One read-model table as a projection's transaction (an event batch) sees it, written with plain JDBC.
 * <ul>
 * <li>The first lookup in a batch loads, in one query, the rows the batch's events name (see {@link Prefetch}):
 * the rows of every aggregate they belong to, or keys their payloads carry. Later lookups are map reads, and a key
 * not loaded yet costs one query.</li>
 * <li>Handlers change the rows in memory and say so ({@link #changed}); new rows are {@link #insert}ed.</li>
 * <li>Just before the transaction commits, the new rows go out as INSERTs and the changed rows as an UPDATE of the
 * columns that changed in any of them since they were read (see {@link #write}): on PostgreSQL one statement each for
 * all of them (one row: a plain one), sent with the commit in a projection's transaction ({@link DeferredWrites}),
 * elsewhere a JDBC batch. A failure there fails the commit: the batch is retried as a whole.</li>
 * </ul>
 * Against Hibernate entities this saves the persistence context's bookkeeping, the dirty checking of every row at
 * flush, and a round trip per aggregate for its first lookup: most of a replay's time (bench/README.md).
 * The rows are the JPA entity classes the queries read, used here as plain objects.
 */
public final class BatchTable<R> implements Rows<R> {

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /**
     * The keys of a table's rows that an event will look up. The rows a batch of events names are loaded ahead, in
     * one query, instead of one query per row.
     */
    @FunctionalInterface
    public interface Prefetch {

        Collection<String> keys(EventMessage<?> event);

        /** The identifier of each event of this aggregate type (DomainEventMessage#getType): rows keyed by it. */
        static Prefetch aggregates(String aggregateType) {
            return event -> event instanceof DomainEventMessage<?> domain && aggregateType.equals(domain.getType())
                    ? List.of(domain.getAggregateIdentifier())
                    : List.of();
        }

        /**
         * The keys an event of this payload type (or of a type that extends it) carries. Events of other types are
         * not deserialized.
         */
        static <E> Prefetch named(Class<E> payloadType, Function<E, Collection<String>> keys) {
            return event -> payloadType.isAssignableFrom(event.getPayloadType())
                    ? keys.apply(payloadType.cast(event.getPayload()))
                    : List.of();
        }

        /** The keys of both. */
        default Prefetch and(Prefetch other) {
            return event -> {
                Collection<String> mine = keys(event);
                Collection<String> theirs = other.keys(event);
                if (mine.isEmpty() || theirs.isEmpty()) {
                    return mine.isEmpty() ? theirs : mine;
                }
                List<String> all = new ArrayList<>(mine);
                all.addAll(theirs);
                return all;
            };
        }
    }

    /**
     * How rows of one table map to columns.
     *
     * @param columns          column names, the primary key first
     * @param values           a row's values in the order of the columns
     * @param prefetch         the keys a batch's events name, loaded ahead in one query. Null: rows are looked up one
     *                         by one
     * @param onInsertConflict appended to the INSERT, e.g. "ON CONFLICT DO NOTHING" for rows a replayed event may
     *                         write again
     */
    public record Mapping<R>(String table, List<String> columns, Function<R, String> key,
                             Function<R, Object[]> values, RowReader<R> reader, Prefetch prefetch,
                             String onInsertConflict) {

        public static <R> Mapping<R> of(String table, List<String> columns, Function<R, String> key,
                                        Function<R, Object[]> values, RowReader<R> reader) {
            return new Mapping<>(table, columns, key, values, reader, null, "");
        }

        /**
         * The mapping of a row class: its table, columns, key, values and reader all follow from the JPA entity the
         * queries read ({@link RowClass}).
         */
        public static <R> Mapping<R> of(Class<R> rowType) {
            return RowClass.mapping(rowType);
        }

        /** The same mapping, the rows its events name loaded ahead for each batch. */
        public Mapping<R> prefetching(Prefetch prefetch) {
            return new Mapping<>(table, columns, key, values, reader, prefetch, onInsertConflict);
        }

        /** The same mapping, its INSERTs ending with this clause. */
        public Mapping<R> onConflict(String clause) {
            return new Mapping<>(table, columns, key, values, reader, prefetch, clause);
        }
    }

    private static final int IN_LIST = 200;
    /** At most this many UPDATE statements are kept, one per set of columns changed (a handful per table). */
    private static final int UPDATES_KEPT = 256;

    private final JdbcTemplate jdbc;
    private final Mapping<R> mapping;
    private final String select;
    private final String insert;
    private final BooleanSupplier postgres;
    private final int[] allColumns;
    /** The one-statement INSERT on PostgreSQL ({@link #insertAllAtOnce}) and the columns' types, read on first use. */
    private volatile String insertAllAtOnce;
    private volatile Map<String, String> types;
    /** The UPDATE of each set of changed columns. */
    private final Map<BitSet, Update> updates = new ConcurrentHashMap<>();
    /** Tables whose rows a batch names are loaded in the round trip that loads this table's ({@link #loadingAlong}). */
    private final List<BatchTable<?>> along = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * The UPDATE of some columns: in one statement for all rows (PostgreSQL; null elsewhere), its arrays the key and
     * then the columns, and the plain one, its parameters the columns and then the key.
     */
    private record Update(String allAtOnce, int[] keyFirst, String plain, int[] keyLast) {
    }

    public BatchTable(JdbcTemplate jdbc, Mapping<R> mapping) {
        this.jdbc = jdbc;
        this.mapping = mapping;
        this.postgres = Databases.postgres(jdbc);
        this.allColumns = IntStream.range(0, mapping.columns().size()).toArray();
        List<String> columns = mapping.columns();
        this.select = "SELECT " + String.join(", ", columns) + " FROM " + mapping.table() + " WHERE ";
        this.insert = "INSERT INTO " + mapping.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") " + mapping.onInsertConflict();
    }

    @Override
    public Optional<R> find(String key) {
        Batch batch = batch();
        if (!batch.loaded.containsKey(key)) {
            batch.loaded.put(key, null); // absent unless found
            jdbc.query(select + keyColumn() + " = ?", rs -> {
                batch.read(key, mapping.reader().read(rs));
            }, key);
        }
        return Optional.ofNullable(batch.loaded.get(key));
    }

    @Override
    public void insert(R row) {
        Batch batch = batch();
        String key = mapping.key().apply(row);
        batch.loaded.put(key, row);
        batch.inserted.put(key, row);
    }

    /** Empties the table: a projection's reset. */
    @Override
    public void deleteAll() {
        jdbc.update("DELETE FROM " + mapping.table());
    }

    /** The row (found in this batch) was changed: it is written back before the commit. */
    @Override
    public void changed(R row) {
        Batch batch = batch();
        String key = mapping.key().apply(row);
        if (!batch.inserted.containsKey(key)) {
            batch.changed.add(key);
        }
    }

    private String keyColumn() {
        return mapping.columns().get(0);
    }

    /**
     * On PostgreSQL, when this table loads the rows a batch names before {@code other} has been used in that batch,
     * the rows {@code other}'s events name are loaded in the same round trip, the two queries sent together. The
     * order projection loads an order's row first in each handler, and a batch with a shipment loads its lines next:
     * a round trip of their own in two of three of its batches under load, each a wait for a core on both sides
     * (bench/README.md, session 61).
     */
    public BatchTable<R> loadingAlong(BatchTable<?> other) {
        if (other == this || other.mapping.prefetch() == null) {
            throw new IllegalArgumentException("nothing to load along " + mapping.table() + ": " + other);
        }
        along.add(other);
        return this;
    }

    /**
     * Reads the rows of {@code selectWhereKey} (a SELECT whose WHERE clause ends with its key column) for these keys.
     * PostgreSQL gets one statement whatever the count ({@code = ANY(?)}), never prepared on the server, so planned for
     * this array each time: a cached generic plan is made while a rebuilt table is still small, where a sequential
     * scan is cheapest, and stays one at a million rows (an analytics rebuild spent 200 ms a batch so, session 28).
     * Setting plan_cache_mode around the query instead cost two more round trips. Other databases get an IN list per
     * chunk.
     */
    public static void byKeys(JdbcTemplate jdbc, boolean postgres, String selectWhereKey, List<String> keys,
                              RowCallbackHandler found) {
        if (postgres) {
            jdbc.query(new ByKeys(selectWhereKey + " = ANY(?)", List.<Object[]>of(keys.toArray())), found);
            return;
        }
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
            jdbc.query(selectWhereKey + " IN (" + chunk.stream().map(v -> "?").collect(Collectors.joining(", "))
                    + ")", found, chunk.toArray());
        }
    }

    /**
     * The statement of {@link #byKeys} on PostgreSQL: an array of keys, planned for it each time; names its SQL. Or
     * several such queries, an array each ({@link #together}).
     */
    private record ByKeys(String sql, List<Object[]> keys)
            implements org.springframework.jdbc.core.PreparedStatementCreator, org.springframework.jdbc.core.SqlProvider {

        @Override
        public PreparedStatement createPreparedStatement(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            for (int i = 0; i < keys.size(); i++) {
                ps.setArray(i + 1, c.createArrayOf("varchar", keys.get(i)));
            }
            return ps;
        }

        @Override
        public String getSql() {
            return sql;
        }
    }

    @Override
    public String toString() {
        return "rows of " + mapping.table();
    }

    private Batch batch() {
        return EventBatch.state(this, Batch::new, this::prefetch, this::write);
    }

    /**
     * The rows the current event batch names. A payload that cannot be deserialized names none: its handler fails
     * on it and the processor deals with that event (retry, dead letter) as it would without the prefetch.
     */
    private void prefetch(Batch batch) {
        if (mapping.prefetch() == null) {
            return;
        }
        List<BatchTable<?>.Ahead> lookups = new ArrayList<>(List.of(new Ahead(batch, named())));
        if (postgres.getAsBoolean()) {
            for (BatchTable<?> other : along) {
                BatchTable<?>.Ahead theirs = other.ahead();
                if (theirs != null) {
                    lookups.add(theirs);
                }
            }
        }
        lookups.removeIf(lookup -> lookup.none());
        if (lookups.size() == 1) {
            lookups.get(0).alone();
        } else if (lookups.size() > 1) {
            together(lookups);
        }
    }

    /** The keys of this table's rows the current batch's events name. */
    private Set<String> named() {
        Set<String> keys = new LinkedHashSet<>();
        for (EventMessage<?> event : EventBatch.messages()) {
            try {
                keys.addAll(mapping.prefetch().keys(event));
            } catch (SerializationException unreadable) {
                // left to the handler, see above
            }
        }
        return keys;
    }

    /**
     * The rows the current batch names, to be loaded along another table's ({@link #loadingAlong}); null when this
     * table has been used in the batch already (it loaded them then), or the batch names none. Its state for the
     * batch is bound now, so that its first use finds them loaded.
     */
    private Ahead ahead() {
        if (EventBatch.bound(this)) {
            return null;
        }
        Set<String> keys = named();
        return keys.isEmpty() ? null : new Ahead(EventBatch.state(this, Batch::new, b -> { }, this::write), keys);
    }

    /** The queries of {@code lookups} in one round trip: each result set read in turn. */
    private void together(List<BatchTable<?>.Ahead> lookups) {
        String sql = lookups.stream().map(lookup -> lookup.query()).collect(Collectors.joining("; "));
        lookups.forEach(lookup -> lookup.absentUnlessFound());
        jdbc.execute(new ByKeys(sql, lookups.stream().map(lookup -> lookup.keys()).toList()),
                (org.springframework.jdbc.core.PreparedStatementCallback<Void>) ps -> {
                    ps.execute();
                    for (BatchTable<?>.Ahead lookup : lookups) {
                        try (ResultSet rs = ps.getResultSet()) {
                            while (rs.next()) {
                                lookup.read(rs);
                            }
                        }
                        ps.getMoreResults();
                    }
                    return null;
                });
    }

    /**
     * The rows of this table a batch names and does not hold yet, loaded on their own or with other tables' in one
     * round trip ({@link #together}). Lookups go by primary key only, so the plan does not depend on column statistics
     * (a rebuild starts from empty tables).
     */
    private final class Ahead {
        private final Batch batch;
        private final List<String> missing;

        Ahead(Batch batch, Set<String> keys) {
            this.batch = batch;
            this.missing = keys.stream().filter(k -> !batch.loaded.containsKey(k)).toList();
        }

        /** Nothing to load. */
        boolean none() {
            return missing.isEmpty();
        }

        /**
         * Loads them on their own: PostgreSQL gets one statement whatever the count ({@code = ANY(?)}), other
         * databases an IN list per chunk ({@link #byKeys}).
         */
        void alone() {
            if (missing.size() == 1) {
                find(missing.get(0)); // its cached plan is an index scan whatever the table's size
                return;
            }
            absentUnlessFound();
            byKeys(jdbc, postgres.getAsBoolean(), select + keyColumn(), missing, this::read);
        }

        /** Their query on PostgreSQL, one array parameter. */
        String query() {
            return select + keyColumn() + " = ANY(?)";
        }

        Object[] keys() {
            return missing.toArray();
        }

        /** A key not found is absent: no later lookup in the batch looks for it again. */
        void absentUnlessFound() {
            missing.forEach(k -> batch.loaded.put(k, null));
        }

        void read(ResultSet rs) throws SQLException {
            R row = mapping.reader().read(rs);
            batch.read(mapping.key().apply(row), row);
        }
    }

    /**
     * The batch's new rows, then its changed rows. A changed row is compared with what was read: the UPDATE sets
     * only the columns that changed in any of the batch's rows (a paid order: its status, payment and version, 6 of
     * order_view's 61), and leaves out the rows in which nothing changed. Every column was written before: each
     * row's 61 values as text and cast back, and PostgreSQL spent 165-188 µs a row on it against 85-122 µs for six
     * (bench/README.md, session 50). A value of a type not known to be immutable counts as changed.
     */
    private void write(Batch batch) {
        if (!batch.inserted.isEmpty()) {
            List<Object[]> rows = batch.inserted.values().stream().map(mapping.values()).toList();
            send(rows.size() < 2 ? null : insertAllAtOnce(), allColumns, insert, allColumns, rows);
        }
        if (!batch.changed.isEmpty()) {
            BitSet columns = new BitSet();
            List<Object[]> rows = new ArrayList<>();
            for (String key : batch.changed) {
                Object[] now = mapping.values().apply(batch.loaded.get(key));
                if (changedColumns(batch.read.get(key), now, columns)) {
                    rows.add(now);
                }
            }
            if (!rows.isEmpty()) {
                Update update = updates.get(columns);
                if (update == null) {
                    update = update(columns);
                    if (updates.size() < UPDATES_KEPT) {
                        updates.put(columns, update);
                    }
                }
                send(update.allAtOnce(), update.keyFirst(), update.plain(), update.keyLast(), rows);
            }
        }
        batch.inserted.clear();
        batch.changed.clear();
    }

    /** Adds to {@code into} the columns (never the key) whose value {@code now} differs from the one read. */
    private static boolean changedColumns(Object[] read, Object[] now, BitSet into) {
        boolean changed = false;
        for (int c = 1; c < now.length; c++) {
            if (read == null || !unchanged(read[c], now[c])) {
                into.set(c);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean unchanged(Object read, Object now) {
        if (read == null || now == null) {
            return read == now;
        }
        return now instanceof Object[] array ? read instanceof Object[] was && Arrays.equals(was, array)
                : scalar(now) && now.equals(read);
    }

    /** A value of an immutable type that goes out as its own text (a BigDecimal's without an exponent). */
    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof BigDecimal || value instanceof Instant
                || value instanceof java.util.UUID || value instanceof java.time.LocalDate;
    }

    /** A row's values as read, its arrays copied: a handler may change an array's elements in place. */
    private Object[] snapshot(R row) {
        Object[] values = mapping.values().apply(row);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Object[] array) {
                values[i] = array.clone();
            }
        }
        return values;
    }

    /** The UPDATE of these columns. */
    private Update update(BitSet columns) {
        List<String> names = columns.stream().mapToObj(mapping.columns()::get).toList();
        String key = keyColumn();
        String plain = "UPDATE " + mapping.table() + " SET " + names.stream().map(c -> c + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE " + key + " = ?";
        String allAtOnce = null;
        if (postgres.getAsBoolean()) {
            Map<String, String> types = types();
            List<String> sent = new ArrayList<>(List.of(key));
            sent.addAll(names);
            allAtOnce = "UPDATE " + mapping.table() + " t SET " + names.stream()
                    .map(c -> c + " = v." + c + "::" + type(types, c)).collect(Collectors.joining(", "))
                    + unnest(sent) + " WHERE t." + key + " = v." + key + "::" + type(types, key);
        }
        return new Update(allAtOnce, IntStream.concat(IntStream.of(0), columns.stream()).toArray(), plain,
                IntStream.concat(columns.stream(), IntStream.of(0)).toArray());
    }

    /**
     * Writes the rows' values: two rows or more in one statement ({@link #allAtOnce}) on PostgreSQL, else (or when a
     * value has no text form) as plain statements.
     *
     * @param allAtOnce the one-statement SQL, its arrays the {@code arrays} columns (null: not on this database)
     * @param plain     the plain SQL, its parameters the {@code parameters} columns
     */
    private void send(String allAtOnce, int[] arrays, String plain, int[] parameters, List<Object[]> rows) {
        if (allAtOnce == null || rows.size() < 2 || !allAtOnce(allAtOnce, rows, arrays)) {
            execute(plain, parameters == allColumns ? rows : rows.stream().map(row -> pick(row, parameters)).toList());
        }
    }

    private static Object[] pick(Object[] values, int[] columns) {
        Object[] picked = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            picked[i] = values[columns[i]];
        }
        return picked;
    }

    /**
     * On PostgreSQL a batch's new rows go out in one statement, {@code INSERT ... SELECT FROM unnest(...)}, and its
     * changed rows in another, {@code UPDATE ... FROM unnest(...)} joined on the primary key: each column as a text
     * array cast back to its type. As a JDBC batch each changed row was a statement of its own: order_view, its lines,
     * the products and their stock, members and wallets were about three statements per command (bench/README.md,
     * session 23). The driver rewrites a batch of INSERTs into multi-row ones, but in chunks of 1, 2, 4, 8... rows: a
     * batch of 7 new orders was three INSERTs into order_view, three into its lines, three into the log (session 24).
     * Returns false, having written nothing, when a value has no text form here; the JDBC batch writes them then.
     *
     * @param columns the columns sent, in the order of the statement's arrays
     */
    private boolean allAtOnce(String sql, List<Object[]> rows, int[] columns) {
        String[][] texts = new String[columns.length][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object[] values = rows.get(r);
            for (int c = 0; c < columns.length; c++) {
                if (!text(values[columns[c]], texts[c], r)) {
                    return false;
                }
            }
        }
        DeferredWrites.write(jdbc, sql, texts.length, (ps, c, first) -> {
            for (int i = 0; i < texts.length; i++) {
                ps.setArray(first + i, c.createArrayOf("text", texts[i]));
            }
        });
        return true;
    }

    /**
     * The one-statement INSERT, its casts read from the catalog once (the types without their lengths: a value too
     * long for its column fails the assignment, as with the JDBC batch, instead of being cut by the cast); null but
     * on PostgreSQL.
     */
    private String insertAllAtOnce() {
        String sql = insertAllAtOnce;
        if (sql == null && postgres.getAsBoolean()) {
            Map<String, String> types = types();
            List<String> columns = mapping.columns();
            sql = ("INSERT INTO " + mapping.table() + " (" + String.join(", ", columns) + ") SELECT "
                    + columns.stream().map(c -> "v." + c + "::" + type(types, c)).collect(Collectors.joining(", "))
                    + unnest(columns) + " " + mapping.onInsertConflict()).strip();
            insertAllAtOnce = sql;
        }
        return sql;
    }

    /** The rows of the batch as text arrays, one per column, named as the columns. */
    private static String unnest(List<String> columns) {
        return " FROM unnest(" + columns.stream().map(c -> "?::text[]").collect(Collectors.joining(", "))
                + ") AS v(" + String.join(", ", columns) + ")";
    }

    /** The table's column types from the catalog, read once. */
    private Map<String, String> types() {
        Map<String, String> known = types;
        if (known == null) {
            Map<String, String> read = new HashMap<>();
            jdbc.execute((Connection c) -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, NULL)"
                        + " FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0"
                        + " AND NOT a.attisdropped")) {
                    ps.setString(1, mapping.table());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            read.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                return null;
            });
            known = Map.copyOf(read);
            types = known;
        }
        return known;
    }

    private String type(Map<String, String> types, String column) {
        String type = types.get(column);
        if (type == null) {
            throw new IllegalStateException(mapping.table() + " has no column " + column);
        }
        return type;
    }

    /**
     * Puts the value's text form, as PostgreSQL reads it back into the column's type, at {@code into[at]}; false if
     * this value has none here.
     */
    private static boolean text(Object value, String[] into, int at) {
        String text;
        if (value == null) {
            text = null;
        } else if (scalar(value)) {
            text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        } else if (value instanceof Long[] longs) {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < longs.length; i++) {
                if (longs[i] == null) {
                    return false;
                }
                array.append(i == 0 ? "" : ",").append(longs[i]);
            }
            text = array.append('}').toString();
        } else {
            return false;
        }
        into[at] = text;
        return true;
    }

    /**
     * A JDBC batch of the rows; one row is a plain statement, which in a projection's transaction on PostgreSQL
     * waits for the commit and goes with it ({@link DeferredWrites}).
     */
    private void execute(String sql, List<Object[]> rows) {
        if (rows.size() == 1) {
            Object[] v = rows.get(0);
            DeferredWrites.write(jdbc, sql, v.length, (ps, c, first) -> {
                for (int i = 0; i < v.length; i++) {
                    bind(ps, first + i, v[i]);
                }
            });
            return;
        }
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] v : rows) {
                    for (int i = 0; i < v.length; i++) {
                        bind(ps, i + 1, v[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof Long[] longs) {
            ps.setArray(index, ps.getConnection().createArrayOf("bigint", longs));
        } else {
            ps.setObject(index, value);
        }
    }

    /** A timestamp column as an Instant (null stays null). */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private final class Batch {
        final Map<String, R> loaded = new HashMap<>();
        /** The values of each row as it was read ({@link #snapshot}), to write only what changed. */
        final Map<String, Object[]> read = new HashMap<>();
        final Map<String, R> inserted = new LinkedHashMap<>();
        final Set<String> changed = new LinkedHashSet<>();

        void read(String key, R row) {
            loaded.put(key, row);
            read.put(key, snapshot(row));
        }
    }
}
