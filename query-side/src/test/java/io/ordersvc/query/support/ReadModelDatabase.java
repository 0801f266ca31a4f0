package io.ordersvc.query.support;

import io.ordersvc.platform.schema.SchemaMigrations;
import io.ordersvc.query.QuerySideSchema;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A database holding exactly what the query side migrates (platform's tables and the read models), for projection
 * tests that feed events and read the tables with JDBC, without an application context: H2 in memory, or with
 * {@code -Ppostgres} a PostgreSQL database of its own (dropped and created afresh).
 */
public final class ReadModelDatabase {

    public final JdbcTemplate jdbc;
    public final TransactionTemplate tx;

    private ReadModelDatabase(DriverManagerDataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Whether the tests run on PostgreSQL ({@code -Ppostgres}) rather than H2. */
    public static boolean postgres() {
        return "postgres".equals(System.getProperty("orders.test.db", "h2"));
    }

    public static ReadModelDatabase fresh(String name) {
        boolean postgres = postgres();
        String url;
        String user;
        String password;
        if (postgres) {
            user = System.getProperty("orders.test.jdbc-user", "postgres");
            password = System.getProperty("orders.test.jdbc-password", "");
            String base = System.getProperty("orders.test.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/orders_test");
            String server = base.substring(0, base.lastIndexOf('/') + 1);
            try (var c = DriverManager.getConnection(server + "postgres", user, password);
                 var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            url = server + name;
        } else {
            url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                    + "DB_CLOSE_DELAY=-1";
            user = "sa";
            password = "";
        }
        var dataSource = new DriverManagerDataSource(url, user, password);
        Flyway platform = Flyway.configure().dataSource(dataSource).table(SchemaMigrations.PLATFORM.historyTable())
                .cleanDisabled(false)
                .locations(SchemaMigrations.PLATFORM.locations(postgres ? "postgresql" : "h2").toArray(String[]::new))
                .load();
        platform.clean();
        new SchemaMigrations(List.of(QuerySideSchema.SCHEMA)).migrate(platform);
        return new ReadModelDatabase(dataSource);
    }

    /** Runs the handlers of one event batch: one transaction, as a processor's batch. */
    public void batch(Runnable handlers) {
        tx.executeWithoutResult(status -> handlers.run());
    }

    /** Runs {@code handler} on each of {@code events} as one processor batch: a batching unit of work, one tx. */
    public void batchOf(List<? extends org.axonframework.eventhandling.EventMessage<?>> events,
                        java.util.function.Consumer<org.axonframework.eventhandling.EventMessage<?>> handler) {
        var unitOfWork = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(List.copyOf(events));
        batch(() -> {
            try {
                unitOfWork.executeWithResult(() -> {
                    handler.accept(unitOfWork.getMessage());
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Map<String, Object> row(String sql, Object... args) {
        return jdbc.queryForMap(sql, args);
    }
}
