package io.ordersvc.query.support;

import io.ordersvc.standalone.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch's writes on the build's database: every kind of column a read model holds comes back as it was written,
 * whichever way the new and changed rows went out (on PostgreSQL one INSERT and one UPDATE for all of them,
 * elsewhere JDBC batches).
 */
class BatchTableWriteTest {

    static final List<String> COLUMNS = List.of("id", "name", "amount", "at", "flag", "n", "big", "props", "tokens",
            "on_day");

    /** A read-model row of every column type the projections write. */
    static final class Row {
        String id;
        String name;
        BigDecimal amount;
        Instant at;
        Boolean flag;
        Integer n;
        Long big;
        String props;
        Long[] tokens;
        LocalDate day;

        Object[] values() {
            return new Object[]{id, name, amount, at, flag, n, big, props, tokens, day};
        }

        static Row read(ResultSet rs) throws SQLException {
            Row r = new Row();
            r.id = rs.getString("id");
            r.name = rs.getString("name");
            r.amount = rs.getBigDecimal("amount");
            r.at = BatchTable.instant(rs, "at");
            r.flag = (Boolean) rs.getObject("flag");
            r.n = (Integer) rs.getObject("n");
            r.big = (Long) rs.getObject("big");
            r.props = rs.getString("props");
            java.sql.Array tokens = rs.getArray("tokens");
            r.tokens = tokens == null ? null : java.util.Arrays.stream((Object[]) tokens.getArray())
                    .map(t -> t == null ? null : ((Number) t).longValue()).toArray(Long[]::new);
            r.day = rs.getObject("on_day", LocalDate.class);
            return r;
        }
    }

    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private BatchTable<Row> table;

    @BeforeEach
    void database() throws Exception {
        DataSource db = TestDatabase.fresh("batch_table_test");
        DataSource recording = new DelegatingDataSource(db) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement") && args != null
                                    && args[0] instanceof String sql) {
                                prepared.add(sql);
                            }
                            try {
                                return method.invoke(c, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        jdbc = new JdbcTemplate(recording);
        tx = new TransactionTemplate(new DataSourceTransactionManager(recording));
        jdbc.execute("DROP TABLE IF EXISTS batch_probe");
        jdbc.execute("CREATE TABLE batch_probe (id VARCHAR(36) PRIMARY KEY, name VARCHAR(20), amount NUMERIC(19, 2),"
                + " at TIMESTAMP WITH TIME ZONE, flag BOOLEAN, n INTEGER, big BIGINT, props "
                + "VARCHAR(200), tokens BIGINT ARRAY, on_day DATE)");
        table = new BatchTable<>(jdbc, BatchTable.Mapping.of("batch_probe", COLUMNS, r -> r.id, Row::values,
                Row::read));
    }

    private void batch(Consumer<BatchTable<Row>> work) {
        tx.executeWithoutResult(status -> work.accept(table));
    }

    private Row row(String id) {
        Row r = new Row();
        r.id = id;
        r.name = "plain";
        r.amount = new BigDecimal("1.00");
        r.at = Instant.parse("2026-01-01T00:00:00Z");
        r.flag = false;
        r.n = 1;
        r.big = 1L;
        r.props = "{\"a\": 1}";
        r.tokens = new Long[]{1L};
        r.day = LocalDate.parse("2026-01-01");
        return r;
    }

    private List<Row> stored() {
        return jdbc.query("SELECT * FROM batch_probe ORDER BY id", (rs, i) -> Row.read(rs));
    }

    @Test
    void changed_rows_come_back_as_written_every_column_type_and_awkward_text() {
        batch(t -> {
            t.insert(row("a"));
            t.insert(row("b"));
            t.insert(row("c"));
        });
        prepared.clear();
        batch(t -> {
            t.changed(awkward(t.find("a").orElseThrow()));
            t.changed(empty(t.find("b").orElseThrow()));
            Row c = t.find("c").orElseThrow();
            c.name = "NULL";
            c.tokens = new Long[0];
            t.changed(c);
        });

        List<Row> rows = stored();
        assertAwkward(rows.get(0));
        assertEmpty(rows.get(1));
        Row c = rows.get(2);
        assertThat(c.name).isEqualTo("NULL");
        assertThat(c.tokens).isEmpty();
        assertThat(c.amount).isEqualByComparingTo("1.00");

        List<String> updates = prepared.stream().filter(sql -> sql.startsWith("UPDATE")).toList();
        if (TestDatabase.postgres()) {
            assertThat(updates).hasSize(1).allMatch(sql -> sql.contains("unnest("));
        } else {
            assertThat(updates).hasSize(1).noneMatch(sql -> sql.contains("unnest("));
        }
    }

    /**
     * The UPDATE sets the columns that changed in any of the batch's rows, and only those rows: a value written
     * meanwhile to another column (here by the batch's own transaction, after the rows were read) stays.
     */
    @Test
    void an_update_sets_only_the_columns_that_changed_in_the_rows_that_changed() {
        batch(t -> List.of("a", "b", "c", "d").forEach(id -> t.insert(row(id))));
        prepared.clear();
        batch(t -> {
            List.of("a", "b", "c", "d").forEach(id -> t.find(id).orElseThrow());
            jdbc.update("UPDATE batch_probe SET props = 'meanwhile'");
            Row a = t.find("a").orElseThrow();
            a.n = 2;
            t.changed(a);
            Row b = t.find("b").orElseThrow();
            b.name = "renamed";
            t.changed(b);
            Row c = t.find("c").orElseThrow();
            c.tokens[0] = 7L; // an array changed in place
            t.changed(c);
            t.changed(t.find("d").orElseThrow()); // said to have changed, but nothing did
        });

        assertThat(stored()).extracting(r -> r.id + "/" + r.name + "/" + r.n + "/" + r.tokens[0] + "/" + r.props)
                .containsExactly("a/plain/2/1/meanwhile", "b/renamed/1/1/meanwhile", "c/plain/1/7/meanwhile",
                        "d/plain/1/1/meanwhile");
        List<String> updates = prepared.stream().filter(sql -> sql.startsWith("UPDATE batch_probe")).toList();
        assertThat(updates).hasSize(1); // the batch's (the one above is not prepared)
        String written = updates.get(0);
        assertThat(written).contains("name = ", "n = ", "tokens = ")
                .doesNotContain("amount", "props", " at = ", "flag", "big = ", "on_day");
        if (TestDatabase.postgres()) {
            assertThat(written).contains("unnest(");
        }
        prepared.clear();
        batch(t -> t.changed(t.find("a").orElseThrow()));
        assertThat(prepared).noneMatch(sql -> sql.startsWith("UPDATE"));
    }

    @Test
    void new_rows_come_back_as_written_and_a_conflict_clause_holds_for_each() {
        table = new BatchTable<>(jdbc, BatchTable.Mapping.of("batch_probe", COLUMNS, r -> r.id, Row::values,
                Row::read).onConflict("ON CONFLICT DO NOTHING"));
        batch(t -> t.insert(row("c")));
        prepared.clear();
        batch(t -> {
            t.insert(awkward(row("a")));
            t.insert(empty(row("b")));
            Row again = row("c");
            again.name = "replayed";
            t.insert(again);
        });

        List<Row> rows = stored();
        assertAwkward(rows.get(0));
        assertEmpty(rows.get(1));
        assertThat(rows.get(2).name).as("the row there first stays").isEqualTo("plain");
        List<String> inserts = prepared.stream().filter(sql -> sql.startsWith("INSERT")).toList();
        if (TestDatabase.postgres()) {
            assertThat(inserts).hasSize(1).allMatch(sql -> sql.contains("unnest(") && sql.endsWith("DO NOTHING"));
        } else {
            assertThat(inserts).hasSize(1).noneMatch(sql -> sql.contains("unnest("));
        }
        assertThatThrownBy(() -> batch(t -> {
            t.insert(row("d"));
            Row tooLong = row("e");
            tooLong.name = "x".repeat(21);
            t.insert(tooLong);
        })).as("too long for its column: failed, not cut").isInstanceOf(RuntimeException.class);
        assertThat(stored()).hasSize(3);
    }

    /** The row with awkward values in every column. */
    private static Row awkward(Row a) {
        a.name = "引号\"逗号,{括号}\\反斜杠 '";
        a.amount = new BigDecimal("12345678901234567.89");
        a.at = Instant.parse("2026-12-03T06:49:15.123456Z");
        a.flag = true;
        a.n = -7;
        a.big = Long.MAX_VALUE;
        a.props = "{\"k\": \"v, {with} \\\"quotes\\\"\", \"n\": [1, 2]}";
        a.tokens = new Long[]{-5L, 0L, Long.MIN_VALUE};
        a.day = LocalDate.parse("2024-02-29");
        return a;
    }

    private static void assertAwkward(Row a) {
        assertThat(a.name).isEqualTo("引号\"逗号,{括号}\\反斜杠 '");
        assertThat(a.amount).isEqualByComparingTo("12345678901234567.89");
        assertThat(a.at).isEqualTo(Instant.parse("2026-12-03T06:49:15.123456Z"));
        assertThat(a.flag).isTrue();
        assertThat(a.n).isEqualTo(-7);
        assertThat(a.big).isEqualTo(Long.MAX_VALUE);
        assertThat(a.props).isEqualTo("{\"k\": \"v, {with} \\\"quotes\\\"\", \"n\": [1, 2]}");
        assertThat(a.tokens).containsExactly(-5L, 0L, Long.MIN_VALUE);
        assertThat(a.day).isEqualTo(LocalDate.parse("2024-02-29"));
    }

    /** The row with nulls in every column but the key, and an amount in exponent form. */
    private static Row empty(Row b) {
        b.name = null;
        b.amount = new BigDecimal("1E+2");
        b.at = null;
        b.flag = null;
        b.n = null;
        b.big = null;
        b.props = null;
        b.tokens = null;
        b.day = null;
        return b;
    }

    private static void assertEmpty(Row b) {
        assertThat(b.name).isNull();
        assertThat(b.amount).isEqualByComparingTo("100");
        assertThat(b.at).isNull();
        assertThat(b.flag).isNull();
        assertThat(b.n).isNull();
        assertThat(b.big).isNull();
        assertThat(b.props).isNull();
        assertThat(b.tokens).isNull();
        assertThat(b.day).isNull();
    }

    @Test
    void a_value_too_long_for_its_column_fails_the_batch_and_is_never_cut() {
        batch(t -> {
            t.insert(row("a"));
            t.insert(row("b"));
        });
        assertThatThrownBy(() -> batch(t -> {
            Row a = t.find("a").orElseThrow();
            a.name = "x".repeat(21);
            t.changed(a);
            Row b = t.find("b").orElseThrow();
            b.n = 2;
            t.changed(b);
        })).isInstanceOf(RuntimeException.class);
        assertThat(stored()).extracting(r -> r.name + "/" + r.n).containsExactly("plain/1", "plain/1");
    }

    @Test
    void one_changed_row_is_a_plain_update_and_many_are_one_statement() {
        List<String> ids = new ArrayList<>();
        batch(t -> {
            for (int i = 0; i < 250; i++) {
                ids.add("row-" + i);
                t.insert(row("row-" + i));
            }
        });
        prepared.clear();
        batch(t -> {
            Row r = t.find("row-0").orElseThrow();
            r.n = 2;
            t.changed(r);
        });
        assertThat(prepared.stream().filter(sql -> sql.startsWith("UPDATE"))).hasSize(1)
                .noneMatch(sql -> sql.contains("unnest("));
        batch(t -> ids.forEach(id -> {
            Row r = t.find(id).orElseThrow();
            r.n = 3;
            t.changed(r);
        }));
        assertThat(stored()).extracting(r -> r.n).containsOnly(3);
        assertThat(Map.of("rows", stored().size())).containsEntry("rows", 250);
    }
}
