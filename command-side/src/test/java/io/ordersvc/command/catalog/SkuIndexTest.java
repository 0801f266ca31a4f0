package io.ordersvc.command.catalog;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The SKUs' owners: found ones are remembered (they never change), missing ones asked for again. */
class SkuIndexTest {

    @Test
    void found_owners_are_asked_for_once_and_missing_ones_every_time() {
        var data = new DriverManagerDataSource("jdbc:h2:mem:sku_index_test;DB_CLOSE_DELAY=-1", "sa", "");
        var jdbc = new NamedParameterJdbcTemplate(data);
        jdbc.getJdbcTemplate().execute("CREATE TABLE sku_index (sku_id VARCHAR(36) PRIMARY KEY,"
                + " product_id VARCHAR(36) NOT NULL, shop_id VARCHAR(64) NOT NULL)");
        jdbc.getJdbcTemplate().update("INSERT INTO sku_index VALUES ('s-1', 'p-1', 'shop-1'), ('s-2', 'p-2', 'shop-1')");
        var queries = new AtomicInteger();
        var index = new SkuIndex(new NamedParameterJdbcTemplate(data) {
            @Override
            public void query(String sql, Map<String, ?> params, RowCallbackHandler rows) {
                queries.incrementAndGet();
                super.query(sql, params, rows);
            }
        });

        assertThat(index.owners(List.of("s-1", "s-2"))).containsOnlyKeys("s-1", "s-2")
                .containsEntry("s-1", new SkuOwners.Owner("p-1", "shop-1"));
        assertThat(index.owners(List.of("s-2", "s-1"))).containsOnlyKeys("s-1", "s-2");
        assertThat(queries.get()).isEqualTo(1);

        assertThat(index.owners(List.of("s-1", "s-3"))).containsOnlyKeys("s-1");
        jdbc.getJdbcTemplate().update("INSERT INTO sku_index VALUES ('s-3', 'p-3', 'shop-2')"); // another instance
        assertThat(index.owners(List.of("s-3"))).containsEntry("s-3", new SkuOwners.Owner("p-3", "shop-2"));
        assertThat(queries.get()).isEqualTo(3);
    }
}
