package io.ordersvc.query.support;

import io.ordersvc.platform.schema.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.function.BooleanSupplier;

/**
 * Plans the current transaction's list and count queries for their actual filter values. PostgreSQL switches a
 * prepared statement to a generic plan after five runs, and a generic plan cannot know whether a product-name
 * pattern matches a handful of orders or a hundred thousand: at a million orders it read every match and sorted
 * them (0.2-1 s) where the plan for the value walks the newest-first index and stops after one page (under 2 ms).
 * Planning each query costs a fraction of a millisecond. A no-op on other databases. (BatchTable does the same
 * around its one batch lookup only.)
 */
@Component
public class CustomPlans {

    private final JdbcTemplate jdbc;
    private final BooleanSupplier postgres;

    public CustomPlans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = Databases.postgres(jdbc);
    }

    /** For the rest of the current transaction (which the caller must be in). */
    public void forThisTransaction() {
        if (postgres.getAsBoolean()) {
            jdbc.execute("SET LOCAL plan_cache_mode TO force_custom_plan");
        }
    }
}
