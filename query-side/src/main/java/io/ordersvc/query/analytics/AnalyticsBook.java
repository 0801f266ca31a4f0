package io.ordersvc.query.analytics;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.JsonText;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one event batch adds to the analytics tables: the orders it names loaded in one query, the counters it adds
 * kept in memory, all written just before the commit with the processor's token: a few JDBC batches per event
 * batch, whatever its size. Counters go as {@code UPDATE ... SET n = n + ?}, and a row that is not there yet is
 * inserted. Plain SQL, the same on H2 and PostgreSQL, but for one thing: on PostgreSQL each table's additions are
 * one UPDATE over the rows as arrays ({@link #updateEach}), where H2 gets a JDBC batch of one UPDATE per row.
 */
final class AnalyticsBook {

    /** The platform's rows: every shop together. */
    static final String PLATFORM = "*";

    /** A line of an order as the figures need it. */
    record Line(String productId, String productName, int quantity, BigDecimal paid) {
    }

    static final TypeReference<Map<String, Line>> LINES = new TypeReference<>() {
    };

    /** An order's facts (analytics_order). */
    static final class Order {
        final String orderId;
        String shopId;
        String buyerId;
        LocalDate placedDay;
        BigDecimal total;
        Map<String, Line> lines;
        boolean paid;
        boolean shipped;
        boolean completed;
        boolean refunded;

        Order(String orderId) {
            this.orderId = orderId;
        }
    }

    /** What the counter tables count: each a column of its own name; the money ones are amounts. */
    enum Count {
        PLACED, PAID, SHIPPED, COMPLETED, REFUNDED, CANCELLED, REFUND_COUNT, BUYERS, NEW_BUYERS, QUANTITY, REFUNDS,
        GMV, REFUNDED_AMOUNT, REVENUE, AMOUNT;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean money() {
            return this == GMV || this == REFUNDED_AMOUNT || this == REVENUE || this == AMOUNT;
        }
    }

    /** One counter table: its key columns and what it counts; rows keyed by id. */
    private record Counters(String table, List<String> keys, List<Count> counts) {
    }

    private static final Counters DAILY = new Counters("analytics_daily", List.of("stat_date", "shop_id"),
            List.of(Count.PLACED, Count.PAID, Count.REFUND_COUNT, Count.CANCELLED, Count.BUYERS, Count.NEW_BUYERS,
                    Count.GMV, Count.REFUNDED_AMOUNT));
    private static final Counters FUNNEL = new Counters("analytics_funnel", List.of("stat_date", "shop_id"),
            List.of(Count.PLACED, Count.PAID, Count.SHIPPED, Count.COMPLETED, Count.REFUNDED));
    private static final Counters PRODUCT = new Counters("analytics_product",
            List.of("stat_date", "shop_id", "product_id", "product_name"),
            List.of(Count.QUANTITY, Count.REFUND_COUNT, Count.REVENUE, Count.REFUNDED_AMOUNT));
    private static final Counters REASON = new Counters("analytics_refund_reason",
            List.of("stat_date", "shop_id", "reason"), List.of(Count.REFUNDS, Count.AMOUNT));

    /** The additions to one row of a counter table. */
    private static final class Row {
        final Object[] keys;
        final Object[] counts;

        Row(Object[] keys, int size) {
            this.keys = keys;
            this.counts = new Object[size];
        }
    }

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Map<String, Order> orders = new HashMap<>();
    private final Set<String> loadedOrders = new LinkedHashSet<>();
    private final Set<String> newOrders = new LinkedHashSet<>();
    private final Set<String> changedOrders = new LinkedHashSet<>();
    private final Map<Counters, Map<String, Row>> counters = new LinkedHashMap<>();
    private final Set<List<Object>> buyerDays = new LinkedHashSet<>();
    private final Map<List<Object>, LocalDate> firstBuyers = new LinkedHashMap<>();

    AnalyticsBook(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    // ---- orders

    /** Loads the orders the batch names in one query (those it places have no row yet). */
    void prefetch(Collection<String> orderIds) {
        List<String> missing = orderIds.stream().filter(id -> !loadedOrders.contains(id) && !orders.containsKey(id))
                .distinct().toList();
        loadedOrders.addAll(missing);
        if (missing.isEmpty()) {
            return;
        }
        BatchTable.byKeys(jdbc, postgres, "SELECT order_id, shop_id, buyer_id,"
                + " placed_day, total, lines, paid, shipped, completed, refunded FROM analytics_order WHERE order_id",
                missing, rs -> {
            Order o = new Order(rs.getString(1));
            o.shopId = rs.getString(2);
            o.buyerId = rs.getString(3);
            o.placedDay = rs.getDate(4).toLocalDate();
            o.total = rs.getBigDecimal(5);
            o.lines = new LinkedHashMap<>(JsonText.read(rs.getString(6), LINES));
            o.paid = rs.getBoolean(7);
            o.shipped = rs.getBoolean(8);
            o.completed = rs.getBoolean(9);
            o.refunded = rs.getBoolean(10);
            orders.put(o.orderId, o);
        });
    }

    /** A new order (a replayed placement of one already known changes nothing: null). */
    Order placed(String orderId) {
        prefetch(List.of(orderId));
        if (orders.containsKey(orderId)) {
            return null;
        }
        Order o = new Order(orderId);
        orders.put(orderId, o);
        newOrders.add(orderId);
        return o;
    }

    /** A known order, marked to be written back; null when it was placed before the figures began (none kept). */
    Order order(String orderId) {
        prefetch(List.of(orderId));
        Order o = orders.get(orderId);
        if (o != null && !newOrders.contains(orderId)) {
            changedOrders.add(orderId);
        }
        return o;
    }

    // ---- counters, each for the shop and for the platform

    void daily(LocalDate day, String shop, Count count, Object delta) {
        add(DAILY, count, delta, day, shop);
    }

    void funnel(LocalDate day, String shop, Count count) {
        add(FUNNEL, count, 1, day, shop);
    }

    void product(LocalDate day, String shop, String productId, String productName, Count count, Object delta) {
        add(PRODUCT, count, delta, day, shop, productId, productName);
    }

    void reason(LocalDate day, String shop, String reason, BigDecimal amount) {
        add(REASON, Count.REFUNDS, 1, day, shop, reason);
        add(REASON, Count.AMOUNT, amount, day, shop, reason);
    }

    /** A buyer paid on this day: counted once a day, and as new on the first day they ever paid. */
    void buyer(LocalDate day, String shop, String buyerId) {
        for (String s : List.of(shop, PLATFORM)) {
            buyerDays.add(List.of(day, s, buyerId));
            firstBuyers.putIfAbsent(List.of(s, buyerId), day);
        }
    }

    private void add(Counters table, Count count, Object delta, LocalDate day, String shop, Object... more) {
        addRow(table, count, delta, day, shop, more);
        addRow(table, count, delta, day, PLATFORM, more);
    }

    /** Adds to one row: keyed by day, shop and (products, reasons) the product or the reason. */
    private void addRow(Counters table, Count count, Object delta, LocalDate day, String shop, Object... more) {
        Object[] keys = new Object[table.keys().size()];
        keys[0] = day;
        keys[1] = shop;
        System.arraycopy(more, 0, keys, 2, more.length);
        String id = day + "|" + shop + (more.length > 0 ? "|" + more[0] : "");
        int at = table.counts().indexOf(count);
        Row row = counters.computeIfAbsent(table, t -> new LinkedHashMap<>())
                .computeIfAbsent(id, k -> new Row(keys, table.counts().size()));
        row.counts[at] = row.counts[at] == null ? delta : delta instanceof BigDecimal money
                ? ((BigDecimal) row.counts[at]).add(money) : (Integer) row.counts[at] + (Integer) delta;
    }

    // ---- the write, just before the commit

    void write() {
        writeOrders();
        // Buyers first: whether one is new today decides the daily counts.
        List<List<Object>> days = List.copyOf(buyerDays);
        int[] inserted = insertAbsent(BUYER_DAYS, days.stream().map(k -> new Object[]{date(k.get(0)), k.get(1),
                k.get(2)}).toList());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] > 0) {
                addRow(DAILY, Count.BUYERS, 1, (LocalDate) days.get(i).get(0), (String) days.get(i).get(1));
            }
        }
        List<Map.Entry<List<Object>, LocalDate>> firsts = List.copyOf(firstBuyers.entrySet());
        inserted = insertAbsent(BUYERS, firsts.stream().map(e -> new Object[]{e.getKey().get(0), e.getKey().get(1),
                date(e.getValue())}).toList());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] > 0) {
                addRow(DAILY, Count.NEW_BUYERS, 1, firsts.get(i).getValue(), (String) firsts.get(i).getKey().get(0));
            }
        }
        counters.forEach(this::writeCounters);
        writeTotals(counters.getOrDefault(PRODUCT, Map.of()));
    }

    /**
     * Rows added to a table unless one with the same key is there: one INSERT ... WHERE NOT EXISTS per row, or on
     * PostgreSQL one for the whole batch ({@code unnest ... ON CONFLICT DO NOTHING}, returning the ordinal of each row
     * added). With a shop's orders coming from many buyers, a statement per buyer and day was one per paid order.
     *
     * @param types the columns' types, for the arrays of the one statement
     * @param keyAt the key columns' positions among the columns
     */
    private record AbsentRows(String perRow, String allRows, String[] types, int[] keyAt) {

        static AbsentRows of(String table, List<String> columns, String[] types, List<String> key) {
            String names = String.join(", ", columns);
            String perRow = "INSERT INTO " + table + " (" + names + ") SELECT "
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + " WHERE NOT EXISTS (SELECT 1"
                    + " FROM " + table + " WHERE " + key.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "))
                    + ")";
            String allRows = "WITH v AS (SELECT * FROM unnest(" + java.util.Arrays.stream(types).map(t -> "?::" + t
                    + "[]").collect(Collectors.joining(", ")) + ") WITH ORDINALITY AS v(" + names + ", n)), added AS"
                    + " (INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM v ON CONFLICT DO NOTHING"
                    + " RETURNING " + String.join(", ", key) + ") SELECT v.n FROM v JOIN added a ON "
                    + key.stream().map(k -> "a." + k + " = v." + k).collect(Collectors.joining(" AND "));
            return new AbsentRows(perRow, allRows, types, key.stream().mapToInt(columns::indexOf).toArray());
        }
    }

    /** The buyers who paid a shop on a day, and each buyer's first day with a shop. */
    private static final AbsentRows BUYER_DAYS = AbsentRows.of("analytics_buyer_day",
            List.of("stat_date", "shop_id", "buyer_id"), new String[]{"date", "text", "text"},
            List.of("stat_date", "shop_id", "buyer_id"));
    private static final AbsentRows BUYERS = AbsentRows.of("analytics_buyer",
            List.of("shop_id", "buyer_id", "first_day"), new String[]{"text", "text", "date"},
            List.of("shop_id", "buyer_id"));

    /** Adds the rows (each a value per column) that are not there yet; returns 1 for each added, 0 for the others. */
    private int[] insertAbsent(AbsentRows table, List<Object[]> rows) {
        return updateEach(table.perRow(), table.allRows(), table.types(), rows.stream().map(row -> {
            Object[] args = java.util.Arrays.copyOf(row, row.length + table.keyAt().length);
            for (int i = 0; i < table.keyAt().length; i++) {
                args[row.length + i] = row[table.keyAt()[i]]; // the key again, for WHERE NOT EXISTS
            }
            return args;
        }).toList());
    }

    /** A day becomes one of the shop's roll days: its rows are those of the shop's last roll day before it. */
    private static final String ROLL = "INSERT INTO analytics_product_total (shop_id, stat_date, product_id, product_name,"
            + " quantity, revenue, refunded_amount, refund_count) SELECT shop_id, ?, product_id, product_name, quantity,"
            + " revenue, refunded_amount, refund_count FROM analytics_product_total WHERE shop_id = ? AND stat_date ="
            + " (SELECT MAX(stat_date) FROM analytics_roll_day WHERE shop_id = ? AND stat_date < ?)";
    /** What a product gained on a day, added to its totals on that day and every later roll day that has them. */
    private static final String ADD = "UPDATE analytics_product_total SET product_name = ?, quantity = quantity + ?,"
            + " revenue = revenue + ?, refunded_amount = refunded_amount + ?, refund_count = refund_count + ?"
            + " WHERE shop_id = ? AND product_id = ? AND stat_date >= ?";
    /** {@link #ADD} for every product of a day in one statement (PostgreSQL): returns each product's ordinal per row. */
    private static final String ADD_ALL = "UPDATE analytics_product_total t SET product_name = v.product_name,"
            + " quantity = t.quantity + v.quantity, revenue = t.revenue + v.revenue,"
            + " refunded_amount = t.refunded_amount + v.refunded_amount, refund_count = t.refund_count + v.refund_count"
            + " FROM unnest(?::text[], ?::int8[], ?::numeric[], ?::numeric[], ?::int8[], ?::text[], ?::text[])"
            + " WITH ORDINALITY AS v(product_name, quantity, revenue, refunded_amount, refund_count, shop_id,"
            + " product_id, n) WHERE t.shop_id = v.shop_id AND t.product_id = v.product_id AND t.stat_date >= ?"
            + " RETURNING v.n";
    private static final String[] ADD_TYPES = {"text", "int8", "numeric", "numeric", "int8", "text", "text"};

    /**
     * A product's totals on the roll days from a day on where it has none yet: what it gained. A roll day's products
     * include every earlier roll day's, so a product missing on a roll day had nothing up to it.
     */
    private static final String ADD_NEW = "INSERT INTO analytics_product_total (shop_id, stat_date, product_id,"
            + " product_name, quantity, revenue, refunded_amount, refund_count) SELECT d.shop_id, d.stat_date, ?, ?, ?,"
            + " ?, ?, ? FROM analytics_roll_day d WHERE d.shop_id = ? AND d.stat_date >= ? AND NOT EXISTS (SELECT 1"
            + " FROM analytics_product_total t WHERE t.shop_id = d.shop_id AND t.stat_date = d.stat_date"
            + " AND t.product_id = ?)";

    /**
     * The products' running totals (analytics_product_total) after this batch's product counters, day by day, oldest
     * first. Per day: one query finds how many roll days each shop has from that day on and whether the day is one;
     * a day that is not becomes one (its rows copied from the shop's last roll day before it); then each product's
     * gain is added to its rows from that day on, one JDBC batch of UPDATEs. Only a product with fewer rows than
     * the shop has roll days (a new product, or a late event) needs its missing rows inserted. Live traffic (one
     * day, already a roll day, known products): two statements per event batch. Plain statements planned once,
     * where a MERGE over a UNION of later days cost 1.5 ms each (bench/README.md, session 16).
     */
    private void writeTotals(Map<String, Row> products) {
        if (products.isEmpty()) {
            return;
        }
        java.util.TreeMap<LocalDate, List<Row>> byDay = new java.util.TreeMap<>();
        products.values().forEach(r -> byDay.computeIfAbsent((LocalDate) r.keys[0], d -> new ArrayList<>()).add(r));
        // Day by day: a roll day exists as rows, so a later day of the batch copies this one's only once it has them.
        byDay.forEach((day, rows) -> {
            List<Object> shops = rows.stream().map(r -> r.keys[1]).distinct().toList();
            Map<Object, RollDays> rollDays = rollDays(day, shops);
            List<Object> rolling = shops.stream().filter(shop -> !rollDays.get(shop).includesDay()).toList();
            if (!rolling.isEmpty()) {
                jdbc.batchUpdate(ROLL, rolling.stream().map(shop -> new Object[]{date(day), shop, shop, date(day)})
                        .toList());
                jdbc.batchUpdate("INSERT INTO analytics_roll_day (shop_id, stat_date) VALUES (?, ?)",
                        rolling.stream().map(shop -> new Object[]{shop, date(day)}).toList());
            }
            List<Object[]> gains = rows.stream().map(r -> new Object[]{value(PRODUCT, 0, r.counts[0]),
                    value(PRODUCT, 2, r.counts[2]), value(PRODUCT, 3, r.counts[3]), value(PRODUCT, 1, r.counts[1])})
                    .toList();
            // A product renamed within the batch has two rows: one UPDATE over both would add only one of them.
            boolean distinct = rows.stream().map(r -> List.of(r.keys[1], r.keys[2])).distinct().count() == rows.size();
            int[] updated = updateEach(ADD, distinct ? ADD_ALL : null, ADD_TYPES,
                    java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> {
                        Row r = rows.get(i);
                        Object[] g = gains.get(i);
                        return new Object[]{r.keys[3], g[0], g[1], g[2], g[3], r.keys[1], r.keys[2]};
                    }).toList(), date(day));
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                RollDays days = rollDays.get(r.keys[1]);
                if (updated[i] < days.from() + (days.includesDay() ? 0 : 1)) { // the day just rolled counts too
                    Object[] g = gains.get(i);
                    missing.add(new Object[]{r.keys[2], r.keys[3], g[0], g[1], g[2], g[3], r.keys[1], date(day),
                            r.keys[2]});
                }
            }
            if (!missing.isEmpty()) {
                jdbc.batchUpdate(ADD_NEW, missing);
            }
        });
    }

    /** A shop's roll days from a day on: how many, and whether the day is one of them. */
    private record RollDays(long from, boolean includesDay) {
    }

    /** Each shop's roll days from this day on (none for a shop without any). */
    private Map<Object, RollDays> rollDays(LocalDate day, List<Object> shops) {
        Map<Object, RollDays> found = new HashMap<>();
        shops.forEach(shop -> found.put(shop, new RollDays(0, false)));
        List<Object> args = new ArrayList<>(List.of(date(day), date(day)));
        args.addAll(shops);
        jdbc.query("SELECT shop_id, COUNT(*), SUM(CASE WHEN stat_date = ? THEN 1 ELSE 0 END) FROM analytics_roll_day"
                        + " WHERE stat_date >= ? AND shop_id IN (" + shops.stream().map(s -> "?")
                        .collect(Collectors.joining(", ")) + ") GROUP BY shop_id",
                rs -> {
                    found.put(rs.getString(1), new RollDays(rs.getLong(2), rs.getLong(3) > 0));
                }, args.toArray());
        return found;
    }

    private void writeCounters(Counters table, Map<String, Row> rows) {
        List<String> ids = List.copyOf(rows.keySet());
        String set = table.counts().stream().map(c -> c.column() + " = " + c.column() + " + ?")
                .collect(Collectors.joining(", "));
        String countColumns = table.counts().stream().map(Count::column).collect(Collectors.joining(", "));
        String all = "UPDATE " + table.table() + " t SET " + table.counts().stream()
                .map(c -> c.column() + " = t." + c.column() + " + v." + c.column()).collect(Collectors.joining(", "))
                + " FROM unnest(" + table.counts().stream().map(c -> c.money() ? "?::numeric[], " : "?::int8[], ")
                .collect(Collectors.joining()) + "?::text[]) WITH ORDINALITY AS v(" + countColumns + ", id, n)"
                + " WHERE t.id = v.id RETURNING v.n";
        String[] types = java.util.stream.Stream.concat(table.counts().stream().map(c -> c.money() ? "numeric" : "int8"),
                java.util.stream.Stream.of("text")).toArray(String[]::new);
        int[] updated = updateEach("UPDATE " + table.table() + " SET " + set + " WHERE id = ?", all, types, ids.stream()
                .map(id -> {
                    Row row = rows.get(id);
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < table.counts().size(); i++) {
                        values.add(value(table, i, row.counts[i]));
                    }
                    values.add(id);
                    return values.toArray();
                }).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (updated[i] == 0) {
                Row row = rows.get(ids.get(i));
                List<Object> values = new ArrayList<>();
                values.add(ids.get(i));
                for (Object key : row.keys) {
                    values.add(key instanceof LocalDate day ? date(day) : key);
                }
                for (int c = 0; c < table.counts().size(); c++) {
                    values.add(value(table, c, row.counts[c]));
                }
                inserts.add(values.toArray());
            }
        }
        if (!inserts.isEmpty()) {
            List<String> columns = new ArrayList<>(List.of("id"));
            columns.addAll(table.keys());
            table.counts().forEach(c -> columns.add(c.column()));
            jdbc.batchUpdate("INSERT INTO " + table.table() + " (" + String.join(", ", columns) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")", inserts);
        }
    }

    /**
     * Runs {@code perRow} for each row (its parameters: the row's values, then {@code common}) and returns how many
     * table rows each changed. On PostgreSQL, with more than one row and {@code allRows} given, one statement does it
     * whatever the batch's size: {@code allRows} takes each column of the rows as an array of its {@code types}
     * ({@code unnest(...) WITH ORDINALITY}), then {@code common}, and returns the ordinal of the row behind each table
     * row it changed. Its rows must not change the same table row twice (an UPDATE changes a row once).
     */
    private int[] updateEach(String perRow, String allRows, String[] types, List<Object[]> rows, Object... common) {
        if (!postgres || allRows == null || rows.size() < 2) {
            return jdbc.batchUpdate(perRow, rows.stream().map(r -> {
                Object[] args = java.util.Arrays.copyOf(r, r.length + common.length);
                System.arraycopy(common, 0, args, r.length, common.length);
                return args;
            }).toList());
        }
        int[] updated = new int[rows.size()];
        jdbc.query(con -> {
            java.sql.PreparedStatement statement = con.prepareStatement(allRows);
            // Never prepared on the server, so planned for its rows each time, as BatchTable.byKeys reads: a plan kept
            // from a new database's first batches joined the whole table by a hash, a sequential scan of
            // analytics_order per batch at 20,000 orders (bench/README.md, session 45).
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            for (int c = 0; c < types.length; c++) {
                Object[] column = new Object[rows.size()];
                for (int r = 0; r < column.length; r++) {
                    Object v = rows.get(r)[c];
                    column[r] = "int8".equals(types[c]) ? Long.valueOf(((Number) v).longValue()) : v;
                }
                statement.setArray(c + 1, con.createArrayOf(types[c], column));
            }
            for (int i = 0; i < common.length; i++) {
                statement.setObject(types.length + 1 + i, common[i]);
            }
            return statement;
        }, (java.sql.ResultSet rs) -> {
            updated[rs.getInt(1) - 1]++;
        });
        return updated;
    }

    private static Object value(Counters table, int column, Object count) {
        return count != null ? count : table.counts().get(column).money() ? BigDecimal.ZERO : 0;
    }

    private static final String[] ORDER_TYPES = {"numeric", "text", "bool", "bool", "bool", "bool", "text"};

    private void writeOrders() {
        List<Object[]> inserts = newOrders.stream().map(orders::get).map(o -> new Object[]{o.orderId, o.shopId,
                o.buyerId, date(o.placedDay), o.total, JsonText.write(o.lines), o.paid, o.shipped, o.completed,
                o.refunded}).toList();
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO analytics_order (order_id, shop_id, buyer_id, placed_day, total, lines, paid,"
                    + " shipped, completed, refunded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        }
        List<Object[]> updates = changedOrders.stream().map(orders::get).map(o -> new Object[]{o.total,
                JsonText.write(o.lines), o.paid, o.shipped, o.completed, o.refunded, o.orderId}).toList();
        if (!updates.isEmpty()) {
            updateEach("UPDATE analytics_order SET total = ?, lines = ?, paid = ?, shipped = ?, completed = ?,"
                    + " refunded = ? WHERE order_id = ?", "UPDATE analytics_order t SET total = v.total, lines = v.lines,"
                    + " paid = v.paid, shipped = v.shipped, completed = v.completed, refunded = v.refunded FROM unnest("
                    + "?::numeric[], ?::text[], ?::bool[], ?::bool[], ?::bool[], ?::bool[], ?::text[]) WITH ORDINALITY"
                    + " AS v(total, lines, paid, shipped, completed, refunded, order_id, n) WHERE t.order_id = v.order_id"
                    + " RETURNING v.n", ORDER_TYPES, updates);
        }
    }

    private static Date date(Object day) {
        return Date.valueOf((LocalDate) day);
    }
}
