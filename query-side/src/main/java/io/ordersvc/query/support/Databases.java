package io.ordersvc.query.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** Which database the read models live in, for the few statements only PostgreSQL understands. */
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
}
