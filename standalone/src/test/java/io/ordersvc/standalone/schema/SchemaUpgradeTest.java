package io.ordersvc.standalone.schema;

import io.ordersvc.command.CommandSideSchema;
import io.ordersvc.platform.schema.ModuleSchema;
import io.ordersvc.platform.schema.SchemaMigrations;
import io.ordersvc.query.QuerySideSchema;
import io.ordersvc.standalone.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.ordersvc.standalone.support.TestDatabase.platformFlyway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each module migrates its own tables with its own history; a database built by the single history of earlier
 * versions (kept in src/test/resources/legacy-schema exactly as released) is adopted in place and ends up with the
 * same schema as a new one, its rows untouched.
 */
class SchemaUpgradeTest {

    private static final List<ModuleSchema> BOTH = List.of(CommandSideSchema.SCHEMA, QuerySideSchema.SCHEMA);
    private static final Set<String> HISTORIES = Set.of("flyway_schema_history", "platform_schema_history",
            "command_schema_history", "query_schema_history");

    @Test
    void a_database_of_the_single_history_upgrades_in_place_to_the_same_schema_as_a_new_one() throws Exception {
        DataSource legacy = TestDatabase.fresh("schema_legacy");
        legacyFlyway(legacy, null).migrate();
        JdbcTemplate old = new JdbcTemplate(legacy);
        old.update("INSERT INTO sku_index (sku_id, product_id, shop_id) VALUES ('s1', 'p1', 'shop-1')");
        old.update("INSERT INTO order_count (counter, shard, n) VALUES ('status:to_ship', 1, 7)");
        old.update("INSERT INTO order_view (order_id, order_no, buyer_id, shop_id, order_type, status, review_pending,"
                + " refund_in_progress, refund_finished, deleted_by_buyer, goods_amount, shipping_fee, discount_amount,"
                + " pay_amount, points_amount, points_earned, receiver_name, receiver_phone, receiver_province,"
                + " receiver_city, receiver_district, receiver_address, goods_names, tracking_nos, created_at,"
                + " shipped_at, version) VALUES ('o-1', '20261122000000001000', 'b', 's', 'physical', 'shipped',"
                + " FALSE, FALSE, FALSE, FALSE, 1, 0, 0, 1, 0, 1, 'n', 'p', 'p', 'c', 'd', 'a', 'teapot', 'sf1',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-02 00:00:00+00', 2)");

        new SchemaMigrations(BOTH).migrate(platformFlyway(legacy));
        new SchemaMigrations(BOTH).migrate(platformFlyway(legacy)); // a second start changes nothing

        DataSource fresh = TestDatabase.fresh("schema_fresh");
        new SchemaMigrations(BOTH).migrate(platformFlyway(fresh));

        assertThat(columns(legacy)).isEqualTo(columns(fresh)).isNotEmpty();
        assertThat(indexes(legacy)).isEqualTo(indexes(fresh));
        assertThat(old.queryForObject("SELECT shop_id FROM sku_index WHERE sku_id = 's1'", String.class))
                .isEqualTo("shop-1");
        assertThat(old.queryForObject("SELECT n FROM order_count WHERE counter = 'status:to_ship'", Long.class))
                .isEqualTo(7);
        assertThat(old.queryForObject("SELECT auto_confirm_at FROM order_view WHERE order_id = 'o-1'",
                java.time.OffsetDateTime.class).toInstant()).as("due dates filled in for rows of before")
                .isEqualTo(java.time.Instant.parse("2026-11-12T00:00:00Z"));
        assertThat(old.queryForList("SELECT goods_names FROM order_search WHERE order_id = 'o-1'", String.class))
                .as("product names moved to their table (tracking numbers are searched in the shipments' rows)")
                .containsExactly("teapot");
        for (ModuleSchema module : List.of(SchemaMigrations.PLATFORM, CommandSideSchema.SCHEMA, QuerySideSchema.SCHEMA)) {
            String history = module.historyTable();
            assertThat(old.queryForList("SELECT type FROM " + history, String.class)).as(history).contains("BASELINE");
            assertThat(old.queryForList("SELECT version FROM " + history + " WHERE type = 'SQL'", String.class))
                    .as("only migrations after the adopted state ran on " + history)
                    .allMatch(v -> Integer.parseInt(v) > Integer.parseInt(module.legacyBaseline()));
        }
    }

    @Test
    void a_deployment_migrates_only_the_modules_it_runs() throws Exception {
        DataSource commandOnly = TestDatabase.fresh("schema_command_only");
        new SchemaMigrations(List.of(CommandSideSchema.SCHEMA)).migrate(platformFlyway(commandOnly));
        Set<String> tables = tables(commandOnly);
        assertThat(tables).contains("domain_event_entry", "idempotency_key", "sku_index", "scheduled_tasks",
                "platform_schema_history", "command_schema_history");
        assertThat(tables).doesNotContain("order_view", "refund_view", "query_schema_history");

        new SchemaMigrations(BOTH).migrate(platformFlyway(commandOnly)); // then the query side starts on it too
        assertThat(tables(commandOnly)).contains("order_view", "refund_view", "query_schema_history");
    }

    @Test
    void an_unfinished_single_history_is_refused_and_left_as_it_was() throws Exception {
        DataSource legacy = TestDatabase.fresh("schema_unfinished");
        legacyFlyway(legacy, "5").migrate();
        assertThatThrownBy(() -> new SchemaMigrations(BOTH).migrate(platformFlyway(legacy)))
                .hasMessageContaining("stops at version 5");
        assertThat(tables(legacy)).doesNotContain("platform_schema_history", "query_schema_history");
    }

    private static Flyway legacyFlyway(DataSource db, String target) {
        var config = Flyway.configure().dataSource(db)
                .locations("classpath:legacy-schema/common", "classpath:legacy-schema/" + vendor());
        return (target == null ? config : config.target(target)).load();
    }

    private static String vendor() {
        return TestDatabase.postgres() ? "postgresql" : "h2";
    }

    private static Set<String> tables(DataSource db) {
        return new TreeSet<>(new JdbcTemplate(db).queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema()", String.class));
    }

    /** Every column of every table but the histories: position, type, size, nullability and default. */
    private static Set<String> columns(DataSource db) {
        Set<String> columns = new TreeSet<>();
        for (Map<String, Object> c : new JdbcTemplate(db).queryForList("SELECT table_name, column_name,"
                + " ordinal_position, data_type, character_maximum_length, numeric_precision, numeric_scale,"
                + " is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema()")) {
            if (!HISTORIES.contains(String.valueOf(c.get("table_name")))) {
                columns.add(c.values().toString());
            }
        }
        return columns;
    }

    /** PostgreSQL: every index's definition (H2 names its constraints' indexes by counter, so columns suffice). */
    private static Set<String> indexes(DataSource db) {
        if (!TestDatabase.postgres()) {
            return Set.of();
        }
        Set<String> indexes = new TreeSet<>(new JdbcTemplate(db).queryForList("SELECT indexdef FROM pg_indexes"
                + " WHERE schemaname = current_schema() AND tablename NOT LIKE '%schema_history'", String.class));
        indexes.addAll(new JdbcTemplate(db).queryForList("SELECT tgname || ' ' || tgrelid::regclass FROM pg_trigger"
                + " WHERE NOT tgisinternal", String.class));
        return indexes;
    }
}
