package io.ordersvc.platform.schema;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Migrates the platform's tables (Spring Boot's Flyway, history {@code platform_schema_history}) and then each
 * contributed module's, each with its own history. On PostgreSQL the whole run holds an advisory lock, so instances
 * starting together migrate one after the other.
 * <p>
 * Databases created before the split kept one history, {@code flyway_schema_history}, for every table. Such a
 * database is adopted: once its old history is complete, each module's history is started at the version that
 * equals it ({@link ModuleSchema#legacyBaseline()}), and only later migrations run. The old table stays as a record.
 */
public final class SchemaMigrations {

    public static final ModuleSchema PLATFORM = new ModuleSchema("platform", "3");
    static final String LEGACY_HISTORY = "flyway_schema_history";
    /** The last migration of the single history, per database (the PostgreSQL-only ones came last). */
    private static final Map<String, Integer> LEGACY_LAST = Map.of("postgresql", 12, "h2", 10);
    private static final long LOCK = 0x6f72646572730001L;
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final List<ModuleSchema> modules;

    public SchemaMigrations(List<ModuleSchema> modules) {
        this.modules = List.copyOf(modules);
    }

    public List<ModuleSchema> modules() {
        return modules;
    }

    /** @param platform Spring Boot's Flyway, configured for the platform's own migrations */
    public void migrate(Flyway platform) {
        DataSource dataSource = platform.getConfiguration().getDataSource();
        try (Connection lock = dataSource.getConnection()) {
            String vendor = vendor(lock);
            boolean postgres = "postgresql".equals(vendor);
            if (postgres) {
                execute(lock, "SELECT pg_advisory_lock(" + LOCK + ")");
            }
            try {
                Integer legacy = legacyVersion(lock, vendor);
                adopt(lock, platform, PLATFORM, legacy);
                platform.migrate();
                for (ModuleSchema module : modules) {
                    Flyway flyway = Flyway.configure(platform.getConfiguration().getClassLoader())
                            .configuration(platform.getConfiguration())
                            .table(module.historyTable())
                            .locations(module.locations(vendor).toArray(String[]::new))
                            // The schema already holds other modules' tables: a module's first history row is a
                            // baseline at 0, and all its migrations run after it.
                            .baselineOnMigrate(true)
                            .baselineVersion("0")
                            .load();
                    adopt(lock, flyway, module, legacy);
                    flyway.migrate();
                }
            } finally {
                if (postgres) {
                    execute(lock, "SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schema migration: " + e.getMessage(), e);
        }
    }

    /** The old single history's version, or null when this database never had one. */
    private static Integer legacyVersion(Connection c, String vendor) throws SQLException {
        if (!tableExists(c, LEGACY_HISTORY)) {
            return null;
        }
        int version = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + LEGACY_HISTORY
                     + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                version = Math.max(version, Integer.parseInt(rs.getString(1)));
            }
        }
        int last = LEGACY_LAST.getOrDefault(vendor, LEGACY_LAST.get("postgresql"));
        if (version < last) {
            throw new IllegalStateException("This database's schema history (" + LEGACY_HISTORY + ") stops at version "
                    + version + " of " + last + ": start the previous version of the service on it once, then this one");
        }
        return version;
    }

    private static void adopt(Connection c, Flyway flyway, ModuleSchema module, Integer legacy) throws SQLException {
        if (legacy == null || tableExists(c, module.historyTable())) {
            return;
        }
        log.info("adopting the {} tables of {} at version {}", module.name(), LEGACY_HISTORY, module.legacyBaseline());
        Flyway.configure(flyway.getConfiguration().getClassLoader())
                .configuration(flyway.getConfiguration())
                .baselineVersion(module.legacyBaseline())
                .baselineDescription("adopted from " + LEGACY_HISTORY)
                .load()
                .baseline();
    }

    static String vendor(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : product;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), table, null)) {
            return rs.next();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
