package io.ordersvc.standalone.embedded;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The embedded database's files can be open in one JVM only. A second instance on the same data directory used to
 * fail with some 170 lines of stack traces from the connection pool, Flyway and Spring; this check opens the
 * database before anything else does and, if another instance holds it, stops the start with one sentence that says
 * so and what to do (Spring Boot's failure analysis, no stack trace).
 */
public class EmbeddedDatabaseInUse implements EnvironmentPostProcessor, Ordered {

    /** After the configuration files: the URL may come from standalone.yml. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** H2's "database may be already in use". */
    private static final int ALREADY_OPEN = 90020;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:file:")) {
            return;
        }
        try (var ignored = DriverManager.getConnection(url, env.getProperty("spring.datasource.username", "sa"),
                env.getProperty("spring.datasource.password", ""))) {
            // free: the service opens it again in a moment
        } catch (SQLException e) {
            if (e.getErrorCode() == ALREADY_OPEN) {
                throw new InUse(url.substring("jdbc:h2:file:".length()).split(";")[0]);
            }
            // anything else is for the connection pool to report as usual
        }
    }

    static final class InUse extends RuntimeException {
        final String database;

        InUse(String database) {
            super("the embedded database " + database + " is in use by another instance", null, false, false);
            this.database = database;
        }
    }

    /** Turns {@link InUse} into Spring Boot's short failure report. */
    public static class Analyzer extends AbstractFailureAnalyzer<InUse> {
        @Override
        protected FailureAnalysis analyze(Throwable root, InUse cause) {
            return new FailureAnalysis("The data directory of the embedded database (" + cause.database
                    + ") is in use by another running instance of the service.",
                    "Stop the other instance, or give this one its own directory and port: "
                            + "--ORDERS_DATA_DIR=./data2 --server.port=8090", cause);
        }
    }
}
