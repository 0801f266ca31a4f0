package io.ordersvc.query.catalog;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.ProductEdited;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.SkuTerms;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.money.Money;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlProvider;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** product_view and product_sku_view, fed events and read with JDBC: no application context. */
class ProductProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static ReadModelDatabase db;

    final String product = UUID.randomUUID().toString();
    final String red = UUID.randomUUID().toString();
    final String blue = UUID.randomUUID().toString();

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_products_test");
    }

    ProductProjection projection(JdbcTemplate jdbc) {
        return new ProductProjection(new CatalogTables(jdbc));
    }

    void create(ProductProjection projection) {
        db.batch(() -> projection.on(new ProductCreated(product, "shop-1", "Pen", null, ProductSettings.DEFAULT,
                List.of(new SkuSpec(red, "RED", Map.of(), Money.of("3.50"), null, null, 10),
                        new SkuSpec(blue, "BLUE", Map.of(), Money.of("3.50"), null, null, 20)), T0), 0));
    }

    void moveStock(ProductProjection projection) {
        db.batch(() -> {
            projection.on(new StockReserved(product, "o-1", List.of(new StockChange(red, 3, 7))), 1);
            projection.on(new StockReserved(product, "o-2", List.of(new StockChange(red, 1, 6),
                    new StockChange(blue, 5, 15))), 2);
        });
        db.batch(() -> {
            projection.on(new StockReleased(product, "o-1", List.of(new StockChange(red, 3, 9)), "order_cancelled"),
                    3);
            projection.on(new StockAdjusted(product, blue, 5, 20, T0.plusSeconds(60)), 4);
        });
    }

    long stock(String sku) {
        return db.jdbc.queryForObject("SELECT stock FROM product_sku_view WHERE sku_id = ?", Long.class, sku);
    }

    long skuVersion(String sku) {
        return db.jdbc.queryForObject("SELECT version FROM product_sku_view WHERE sku_id = ?", Long.class, sku);
    }

    long productVersion() {
        return db.jdbc.queryForObject("SELECT version FROM product_view WHERE product_id = ?", Long.class, product);
    }

    @Test
    void stock_moves_change_the_sku_rows_they_name_and_each_keeps_its_version() {
        ProductProjection projection = projection(db.jdbc);
        create(projection);
        assertThat(skuVersion(red)).isZero();
        moveStock(projection);

        assertThat(stock(red)).isEqualTo(9);
        assertThat(stock(blue)).isEqualTo(20);
        assertThat(skuVersion(red)).isEqualTo(3);
        assertThat(skuVersion(blue)).isEqualTo(4);
        assertThat(productVersion()).as("the product's own row is not written by stock moves").isZero();
    }

    @Test
    void replayed_stock_moves_and_edits_change_nothing() {
        ProductProjection projection = projection(db.jdbc);
        create(projection);
        moveStock(projection);
        db.batch(() -> projection.on(new ProductEdited(product, "Pen 2", null, ProductSettings.DEFAULT, List.of(
                new SkuTerms(red, Money.of("4.00"), null, null, 0, Money.ZERO, 0),
                new SkuTerms(blue, Money.of("4.50"), null, null, 0, Money.ZERO, 0)), T0.plusSeconds(120)), 5));

        create(projection);
        moveStock(projection);
        db.batch(() -> projection.on(new StockReserved(product, "o-3", List.of(new StockChange(red, 9, 0))), 5));

        assertThat(stock(red)).isEqualTo(9);
        assertThat(stock(blue)).isEqualTo(20);
        assertThat(skuVersion(red)).isEqualTo(5);
        assertThat(productVersion()).isEqualTo(5);
        assertThat(db.jdbc.queryForObject("SELECT price FROM product_sku_view WHERE sku_id = ?", BigDecimal.class,
                blue)).isEqualByComparingTo("4.50");
        assertThat(db.jdbc.queryForObject("SELECT name FROM product_view WHERE product_id = ?", String.class,
                product)).isEqualTo("Pen 2");
    }

    /** A batch of stock moves neither reads nor writes product_view: only the SKU rows it names. */
    @Test
    void a_batch_of_stock_moves_leaves_product_view_alone() {
        create(projection(db.jdbc));
        String rowVersion = ReadModelDatabase.postgres()
                ? db.jdbc.queryForObject("SELECT xmin::text FROM product_view WHERE product_id = ?", String.class,
                product)
                : null;
        List<String> read = new ArrayList<>();
        var watching = new JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public void query(String sql, RowCallbackHandler rows, Object... args) {
                read.add(sql);
                super.query(sql, rows, args);
            }

            @Override
            public void query(PreparedStatementCreator creator, RowCallbackHandler rows) {
                read.add(((SqlProvider) creator).getSql()); // the prefetch's one query on PostgreSQL
                super.query(creator, rows);
            }
        };
        moveStock(projection(watching));

        assertThat(stock(red)).isEqualTo(9);
        assertThat(read).isNotEmpty().allMatch(sql -> sql.contains("product_sku_view"));
        if (rowVersion != null) {
            assertThat(db.jdbc.queryForObject("SELECT xmin::text FROM product_view WHERE product_id = ?",
                    String.class, product)).as("the row was not written again").isEqualTo(rowVersion);
        }
    }
}
