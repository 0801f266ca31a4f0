package io.ordersvc.query.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.util.Locale;

/** Which database the read models live in, for the few statements only PostgreSQL understands. */
final class Databases {

    private Databases() {
    }

    /** Asks a connection once; callers keep the answer. */
    static boolean isPostgres(JdbcTemplate jdbc) {
        return jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName())
                .toLowerCase(Locale.ROOT).contains("postgres");
    }
}
