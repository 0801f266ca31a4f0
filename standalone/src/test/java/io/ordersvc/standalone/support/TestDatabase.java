package io.ordersvc.standalone.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points the test context at the database the build chose: embedded H2 by default, PostgreSQL with
 * {@code ./mvnw verify -Ppostgres} (system property orders.test.db=postgres, URL in orders.test.jdbc-url).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("orders.test.db", "h2"));
    }

    /** The PostgreSQL test database's URL ({@code -Dorders.test.jdbc-url}). */
    public static String postgresUrl() {
        return System.getProperty("orders.test.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/orders_test");
    }

    public static String user() {
        return postgres() ? System.getProperty("orders.test.jdbc-user", "postgres") : "sa";
    }

    public static String password() {
        return postgres() ? System.getProperty("orders.test.jdbc-password", "") : "";
    }

    /** The PostgreSQL test URL with another database name; that database is dropped and created empty. */
    public static String freshPostgresDatabase(String name) throws java.sql.SQLException {
        String base = postgresUrl();
        String server = base.substring(0, base.lastIndexOf('/') + 1);
        try (var c = java.sql.DriverManager.getConnection(server + "postgres", user(), password());
             var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        return server + name;
    }

    /** A database of a test's own: H2 in memory, or with -Ppostgres a PostgreSQL database created afresh. */
    public static javax.sql.DataSource fresh(String name) throws java.sql.SQLException {
        String url = postgres() ? freshPostgresDatabase(name) : "jdbc:h2:mem:" + name + H2_OPTIONS;
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(url, user(), password());
    }

    /** Spring Boot's Flyway as application.yml configures it: platform's tables, with their own history. */
    public static org.flywaydb.core.Flyway platformFlyway(javax.sql.DataSource db) {
        return org.flywaydb.core.Flyway.configure().dataSource(db)
                .table(io.ordersvc.platform.schema.SchemaMigrations.PLATFORM.historyTable())
                .locations(io.ordersvc.platform.schema.SchemaMigrations.PLATFORM
                        .locations(postgres() ? "postgresql" : "h2").toArray(String[]::new)).load();
    }

    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "DB_CLOSE_DELAY=-1";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> props = postgres()
                ? Map.of("spring.datasource.url", postgresUrl(),
                "spring.datasource.username", System.getProperty("orders.test.jdbc-user", "postgres"),
                "spring.datasource.password", System.getProperty("orders.test.jdbc-password", ""))
                : Map.of("spring.datasource.url", "jdbc:h2:mem:orders-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", props));
    }
}
