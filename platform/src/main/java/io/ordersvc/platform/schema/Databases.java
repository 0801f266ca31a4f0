package io.ordersvc.platform.schema;

import org.springframework.jdbc.core.JdbcTemplate;

import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** Which database the service runs on, for the few statements only PostgreSQL understands (or plans badly). */
public final class Databases {

    private Databases() {
    }

    /** Whether the template's database is PostgreSQL: a connection is asked on first use, the answer kept. */
    public static BooleanSupplier postgres(JdbcTemplate jdbc) {
        return new BooleanSupplier() {
            private volatile Boolean postgres;

            @Override
            public boolean getAsBoolean() {
                if (postgres == null) {
                    postgres = jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName())
                            .toLowerCase(Locale.ROOT).contains("postgres");
                }
                return postgres;
            }
        };
    }

    /**
     * The statement is planned for its values at each run, never prepared on the server (a no-op off PostgreSQL).
     * For a statement that joins a batch's keys to a table that grows: from its fifth run on a connection the driver
     * prepares a statement on the server, and PostgreSQL's generic plan, made once while the table was small, hashed
     * the keys and scanned the whole table for as long as the connection lived (on order_view, its lines and
     * analytics_order, 15,000 rows a batch; bench/README.md, sessions 28 and 30). A plan made for the values and the
     * table's current size probes the primary key; it costs a fraction of a millisecond a batch.
     */
    public static PreparedStatement plannedEachRun(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }
}
