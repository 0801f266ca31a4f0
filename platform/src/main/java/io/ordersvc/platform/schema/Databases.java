package io.ordersvc.platform.schema;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
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
}
