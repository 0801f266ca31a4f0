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
     * The statement is planned for its values at each run, never prepared on the server (a no-op off PostgreSQL):
     * for a lookup by a batch's keys. From its fifth run on a connection the driver prepares a statement on the
     * server, and PostgreSQL's generic plan, made once while the table was small, scanned the whole table for as
     * long as the connection lived (bench/README.md, session 28). Not for the batch UPDATEs: planned at each run,
     * they cost more than the scans they avoided (session 30).
     */
    public static PreparedStatement plannedEachRun(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }
}
