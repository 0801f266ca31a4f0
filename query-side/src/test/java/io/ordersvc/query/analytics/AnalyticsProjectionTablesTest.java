package io.ordersvc.query.analytics;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.analytics.AnalyticsQuery.Day;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics read models, fed events and read back through their queries: days in Asia/Shanghai (an order paid at
 * 00:30 there is the next day's, though it is 16:30 UTC the day before), each shop's rows and the platform's, a
 * buyer counted once a day and as new once, and a replay from empty tables coming to the same figures.
 */
class AnalyticsProjectionTablesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate NOV_30 = LocalDate.parse("2026-11-30");
    static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
    static final LocalDate DEC_2 = LocalDate.parse("2026-12-02");
    static final Receiver RECEIVER = new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null);
    static ReadModelDatabase db;
    static AnalyticsProjection projection;
    static AnalyticsQueries queries;

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_analytics_test");
        projection = new AnalyticsProjection(db.jdbc, new AnalyticsZone(SHANGHAI));
        queries = new AnalyticsQueries(db.jdbc, new AnalyticsZone(SHANGHAI));
    }

    @BeforeEach
    void empty() {
        projection.reset();
    }

    static OrderPlaced placed(String orderId, String shop, String buyer, String at, int units, String unitPrice,
                              String shipping) {
        Money lineTotal = Money.of(unitPrice).times(units);
        OrderLine line = new OrderLine("line-" + orderId, "product-1", "sku-1", "S1", "水果礼盒", null, Map.of(),
                Money.of(unitPrice), null, units, lineTotal);
        Money pay = lineTotal.plus(Money.of(shipping));
        return new OrderPlaced(orderId, "no-" + orderId, buyer, shop, OrderType.PHYSICAL, List.of(line), RECEIVER, null,
                lineTotal, Money.of(shipping), Money.ZERO, pay, 0, 0, Instant.parse(at), Instant.parse(at).plusSeconds(1800));
    }

    /** Three shops' worth of a day and a half, each event in a batch of its own, as a live processor sees them. */
    void feed() {
        feed(db::batch);
    }

    void feed(java.util.function.Consumer<Runnable> batch) {
        List<Object> events = List.of(
                placed("a", "shop-1", "buyer-1", "2026-11-30T15:30:00Z", 2, "20.00", "8.00"),
                new OrderPaid("a", Money.of("48.00"), "wechat", "t-a", Instant.parse("2026-11-30T16:30:00Z")),
                placed("b", "shop-1", "buyer-2", "2026-12-01T02:00:00Z", 1, "20.00", "0.00"),
                new OrderPaid("b", Money.of("20.00"), "wechat", "t-b", Instant.parse("2026-12-01T02:05:00Z")),
                new OrderShipped("b", "s-b", "SF", "顺丰", "SF1", List.of(), true, Instant.parse("2026-12-01T03:00:00Z"),
                        null),
                new OrderReceiptConfirmed("b", Instant.parse("2026-12-01T04:00:00Z"), false, null, null),
                new RefundApplied("r-b", "b", "no-b", "line-b", "水果礼盒", "buyer-2", "shop-1", RefundType.REFUND_ONLY,
                        false, RefundReason.QUALITY_ISSUE, Money.of("20.00"), null, List.of(),
                        Instant.parse("2026-12-01T05:00:00Z")),
                new LineRefunded("b", "r-b", "line-b", Money.of("20.00"), Money.of("20.00"), true, null, 0,
                        OrderStatus.CLOSED, Instant.parse("2026-12-01T05:10:00Z"), null),
                placed("c", "shop-2", "buyer-1", "2026-12-01T06:00:00Z", 1, "9.90", "0.00"),
                new OrderCancelled("c", "不想要了", Instant.parse("2026-12-01T06:10:00Z")),
                placed("d", "shop-1", "buyer-1", "2026-12-02T01:00:00Z", 1, "20.00", "0.00"),
                new OrderPaid("d", Money.of("20.00"), "wechat", "t-d", Instant.parse("2026-12-02T01:01:00Z")));
        for (Object event : events) {
            batch.accept(() -> handle(event));
        }
    }

    static void handle(Object event) {
        if (event instanceof OrderPlaced e) {
            projection.on(e);
        } else if (event instanceof OrderPaid e) {
            projection.on(e);
        } else if (event instanceof OrderShipped e) {
            projection.on(e);
        } else if (event instanceof OrderReceiptConfirmed e) {
            projection.on(e);
        } else if (event instanceof RefundApplied e) {
            projection.on(e);
        } else if (event instanceof LineRefunded e) {
            projection.on(e);
        } else if (event instanceof OrderCancelled e) {
            projection.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    @Test
    void daily_figures_count_each_day_in_the_zone_for_the_shop_and_the_platform() {
        feed();
        List<Day> shop = queries.daily("shop-1", NOV_30, DEC_2).days();
        assertThat(shop).extracting(Day::placed).containsExactly(1, 1, 1);
        assertThat(shop).extracting(Day::paid).containsExactly(0, 2, 1); // a paid at 00:30 Shanghai on Dec 1
        Day dec1 = shop.get(1);
        assertThat(dec1.gmv()).isEqualTo(Money.of("68.00"));
        assertThat(dec1.averageOrderValue()).isEqualTo(Money.of("34.00"));
        assertThat(dec1.refundedAmount()).isEqualTo(Money.of("20.00"));
        assertThat(dec1.refundCount()).isEqualTo(1);
        assertThat(dec1.buyers()).isEqualTo(2);
        assertThat(dec1.newBuyers()).isEqualTo(2);
        assertThat(shop.get(2).buyers()).isEqualTo(1);
        assertThat(shop.get(2).newBuyers()).isZero(); // buyer-1 paid the shop before

        Day platform = queries.daily(null, DEC_1, DEC_1).days().get(0);
        assertThat(platform.placed()).isEqualTo(2);
        assertThat(platform.cancelled()).isEqualTo(1);
        assertThat(platform.paid()).isEqualTo(2);
        assertThat(queries.daily("shop-2", DEC_1, DEC_1).days().get(0).paid()).isZero();
    }

    @Test
    void products_funnel_and_refund_reasons() {
        feed();
        var products = queries.products("shop-1", NOV_30, DEC_2, false, 10).items();
        assertThat(products).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isEqualTo(4);
            assertThat(p.revenue()).isEqualTo(Money.of("80.00"));
            assertThat(p.refundedAmount()).isEqualTo(Money.of("20.00"));
            assertThat(p.refundRate()).isEqualByComparingTo(new BigDecimal("0.2500"));
        });
        var funnel = queries.funnel("shop-1", NOV_30, DEC_1);
        assertThat(List.of(funnel.placed(), funnel.paid(), funnel.shipped(), funnel.completed(), funnel.refunded()))
                .containsExactly(2, 2, 1, 1, 1);
        assertThat(queries.refundReasons(null, DEC_1, DEC_1).reasons()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("quality_issue");
            assertThat(r.refunds()).isEqualTo(1);
            assertThat(r.amount()).isEqualTo(Money.of("20.00"));
        });
    }

    @Test
    void a_replay_into_empty_tables_comes_to_the_same_figures_and_one_batch_counts_like_many() {
        feed();
        var daily = queries.daily(null, NOV_30, DEC_2);
        var products = queries.products(null, NOV_30, DEC_2, true, 10);
        var funnel = queries.funnel(null, NOV_30, DEC_2);
        projection.reset();
        feed();
        assertThat(queries.daily(null, NOV_30, DEC_2)).isEqualTo(daily);
        projection.reset();
        db.batch(() -> feed(Runnable::run)); // one batch holding everything: the counters add up in memory first
        assertThat(queries.daily(null, NOV_30, DEC_2)).isEqualTo(daily);
        assertThat(queries.products(null, NOV_30, DEC_2, true, 10)).isEqualTo(products);
        assertThat(queries.funnel(null, NOV_30, DEC_2)).isEqualTo(funnel);
    }

    static OrderPlaced placed(String orderId, String product, String at, int units, String unitPrice) {
        Money lineTotal = Money.of(unitPrice).times(units);
        OrderLine line = new OrderLine("line-" + orderId, product, "sku-" + product, "S", "商品" + product, null,
                Map.of(), Money.of(unitPrice), null, units, lineTotal);
        return new OrderPlaced(orderId, "no-" + orderId, "buyer-" + orderId, "shop-9", OrderType.PHYSICAL,
                List.of(line), RECEIVER, null, lineTotal, Money.ZERO, Money.ZERO, lineTotal, 0, 0, Instant.parse(at),
                Instant.parse(at).plusSeconds(1800));
    }

    static OrderPaid paid(OrderPlaced placed, String at) {
        return new OrderPaid(placed.orderId(), placed.payAmount(), "wechat", "t-" + placed.orderId(),
                Instant.parse(at));
    }

    @Test
    void top_products_over_any_range_equal_the_sum_of_its_days_late_events_included() {
        OrderPlaced p1 = placed("t1", "p-1", "2026-11-27T02:00:00Z", 2, "10.00");
        OrderPlaced p2 = placed("t2", "p-2", "2026-11-28T02:00:00Z", 1, "50.00");
        OrderPlaced p3 = placed("t3", "p-1", "2026-11-29T02:00:00Z", 3, "10.00");
        OrderPlaced p4 = placed("t4", "p-3", "2026-12-01T02:00:00Z", 1, "5.00");
        OrderPlaced p5 = placed("t5", "p-2", "2026-11-29T03:00:00Z", 2, "50.00");
        List<Object> events = List.of(p1, paid(p1, "2026-11-27T02:01:00Z"), p2, paid(p2, "2026-11-28T02:01:00Z"),
                p3, p4, paid(p4, "2026-12-01T02:01:00Z"),
                // stored after December's events, about days before: the totals of the later days take them too
                paid(p3, "2026-11-29T02:01:00Z"), p5, paid(p5, "2026-11-29T03:01:00Z"),
                new LineRefunded("t2", "r-t2", "line-t2", Money.of("50.00"), Money.of("50.00"), true, null, 0,
                        OrderStatus.CLOSED, Instant.parse("2026-11-30T05:00:00Z"), null),
                // a product the shop first sold on a day before its last roll day
                placed("t6", "p-4", "2026-11-28T05:00:00Z", 1, "7.00"),
                // a product with totals from December 1st, sold late on a day before them: the days between get it
                placed("t7", "p-3", "2026-11-28T06:00:00Z", 1, "5.00"));
        OrderPlaced p6 = (OrderPlaced) events.get(events.size() - 2);
        OrderPlaced p7 = (OrderPlaced) events.get(events.size() - 1);
        List<Object> all = new java.util.ArrayList<>(events);
        all.add(paid(p6, "2026-11-28T05:01:00Z"));
        all.add(paid(p7, "2026-11-28T06:01:00Z"));
        for (Object event : all) {
            db.batch(() -> handle(event));
        }
        LocalDate first = LocalDate.parse("2026-11-25");
        for (LocalDate from = first; !from.isAfter(DEC_2); from = from.plusDays(1)) {
            for (LocalDate to = from; !to.isAfter(DEC_2); to = to.plusDays(1)) {
                for (boolean byQuantity : List.of(true, false)) {
                    assertThat(queries.products("shop-9", from, to, byQuantity, 10).items())
                            .as("%s..%s by %s", from, to, byQuantity ? "quantity" : "revenue")
                            .isEqualTo(summed("shop-9", from, to, byQuantity));
                }
            }
        }
        var week = queries.products(null, first, DEC_2, true, 10);
        projection.reset();
        db.batch(() -> all.forEach(AnalyticsProjectionTablesTest::handle)); // the late ones in one batch too
        assertThat(queries.products(null, first, DEC_2, true, 10)).isEqualTo(week);
        var range = queries.products("shop-9", LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29"), false, 10)
                .items();
        assertThat(range).extracting(p -> p.productId()).containsExactly("p-2", "p-1", "p-4", "p-3");
        assertThat(range.get(0).quantity()).isEqualTo(3);
        assertThat(range.get(0).revenue()).isEqualTo(Money.of("150.00"));
        assertThat(queries.products(null, NOV_30, NOV_30, false, 10).items()).singleElement()
                .satisfies(p -> assertThat(p.refundedAmount()).isEqualTo(Money.of("50.00")));
    }

    /** A live batch looks up the orders it names, those it places included, in one query. */
    @Test
    void a_batch_looks_up_its_orders_in_one_query() {
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new org.springframework.jdbc.core.JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public void query(String sql, org.springframework.jdbc.core.RowCallbackHandler rows, Object... args) {
                if (sql.contains("FROM analytics_order")) {
                    lookups.incrementAndGet();
                }
                super.query(sql, rows, args);
            }

            @Override
            public void query(org.springframework.jdbc.core.PreparedStatementCreator creator,
                              org.springframework.jdbc.core.RowCallbackHandler rows) {
                if (creator instanceof org.springframework.jdbc.core.SqlProvider p
                        && p.getSql().contains("FROM analytics_order")) {
                    lookups.incrementAndGet(); // PostgreSQL: one = ANY(?) lookup
                }
                super.query(creator, rows);
            }
        };
        var live = new AnalyticsProjection(counting, new AnalyticsZone(SHANGHAI));
        inOneBatch(live, List.of(placed("x", "shop-1", "buyer-1", "2026-12-01T02:00:00Z", 1, "20.00", "0.00"),
                placed("y", "shop-1", "buyer-2", "2026-12-01T02:01:00Z", 1, "20.00", "0.00"),
                new OrderPaid("x", Money.of("20.00"), "wechat", "t-x", Instant.parse("2026-12-01T02:02:00Z")),
                placed("z", "shop-1", "buyer-3", "2026-12-01T02:03:00Z", 1, "20.00", "0.00")));
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(queries.daily("shop-1", DEC_1, DEC_1).days()).singleElement().satisfies(d -> {
            assertThat(d.placed()).isEqualTo(3);
            assertThat(d.paid()).isEqualTo(1);
        });
    }

    /**
     * On PostgreSQL a batch's additions to a counter table are one statement, whatever how many rows they add to;
     * H2 gets one UPDATE per row in a JDBC batch. The figures are the same.
     */
    @Test
    void a_batch_adds_to_each_products_rows_in_one_statement_on_postgresql() {
        var rowsUpdated = new java.util.concurrent.atomic.AtomicInteger();
        var arrayStatements = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new org.springframework.jdbc.core.JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public int[] batchUpdate(String sql, List<? extends Object[]> args) {
                if (sql.startsWith("UPDATE analytics_product ") || sql.startsWith("UPDATE analytics_product_total ")) {
                    rowsUpdated.addAndGet(args.size());
                }
                return super.batchUpdate(sql, args);
            }

            @Override
            public void query(org.springframework.jdbc.core.PreparedStatementCreator creator,
                              org.springframework.jdbc.core.RowCallbackHandler rows) {
                if (!(creator instanceof org.springframework.jdbc.core.SqlProvider p
                        && p.getSql().contains("FROM analytics_order "))) { // the orders' lookup adds nothing
                    arrayStatements.incrementAndGet();
                }
                super.query(creator, rows);
            }
        };
        var live = new AnalyticsProjection(counting, new AnalyticsZone(SHANGHAI));
        inOneBatch(live, List.of(threeProducts("p", "2026-12-01T02:00:00Z"),
                new OrderPaid("p", Money.of("36.00"), "wechat", "t-p", Instant.parse("2026-12-01T02:01:00Z")),
                threeProducts("r", "2026-12-01T02:02:00Z"), threeProducts("s", "2026-12-01T02:03:00Z")));
        arrayStatements.set(0);
        rowsUpdated.set(0);
        inOneBatch(live, List.of(threeProducts("q", "2026-12-01T03:00:00Z"),
                new OrderPaid("q", Money.of("36.00"), "wechat", "t-q", Instant.parse("2026-12-01T03:01:00Z"))));
        if (ReadModelDatabase.postgres()) {
            // One statement each for the products, their totals, the day's figures, the funnel, the buyers of the
            // day and the first-time buyers; none per row.
            assertThat(arrayStatements.get()).isEqualTo(6);
            assertThat(rowsUpdated.get()).isZero();
        } else {
            // Three products, a row each of the shop's and of the platform's, in analytics_product and the totals.
            assertThat(arrayStatements.get()).isZero();
            assertThat(rowsUpdated.get()).isEqualTo(12);
        }
        for (String shop : List.of("shop-1", AnalyticsBook.PLATFORM)) {
            assertThat(db.jdbc.queryForList("SELECT product_id, quantity, revenue FROM analytics_product"
                    + " WHERE shop_id = ? ORDER BY product_id", shop)).extracting(r -> r.get("product_id") + " "
                    + r.get("quantity") + " " + ((BigDecimal) r.get("revenue")).toPlainString())
                    .containsExactly("product-a 2 20.00", "product-b 4 16.00", "product-c 6 36.00");
            assertThat(db.jdbc.queryForList("SELECT product_id, quantity FROM analytics_product_total"
                    + " WHERE shop_id = ? ORDER BY product_id", shop)).extracting(r -> r.get("product_id") + " "
                    + r.get("quantity")).containsExactly("product-a 2", "product-b 4", "product-c 6");
        }

        // Two orders of an earlier batch paid: their analytics_order rows change together.
        inOneBatch(live, List.of(
                new OrderPaid("r", Money.of("36.00"), "wechat", "t-r", Instant.parse("2026-12-01T04:00:00Z")),
                new OrderPaid("s", Money.of("36.00"), "wechat", "t-s", Instant.parse("2026-12-01T04:01:00Z"))));
        assertThat(db.jdbc.queryForList("SELECT order_id FROM analytics_order WHERE paid ORDER BY order_id",
                String.class)).containsExactly("p", "q", "r", "s");
        assertThat(db.jdbc.queryForList("SELECT product_id, quantity, revenue FROM analytics_product"
                + " WHERE shop_id = 'shop-1' ORDER BY product_id")).extracting(r -> r.get("product_id") + " "
                + r.get("quantity") + " " + ((BigDecimal) r.get("revenue")).toPlainString())
                .containsExactly("product-a 4 40.00", "product-b 8 32.00", "product-c 12 72.00");
        assertThat(queries.daily("shop-1", DEC_1, DEC_1).days()).singleElement().satisfies(d -> {
            assertThat(d.placed()).isEqualTo(4);
            assertThat(d.paid()).isEqualTo(4);
        });
    }

    /**
     * A batch's buyers of the day and first-time buyers are one statement each on PostgreSQL (one per row on H2),
     * and a buyer who paid in an earlier batch, or twice in this one, counts once.
     */
    @Test
    void a_batch_adds_its_buyers_in_one_statement_on_postgresql_each_counted_once() {
        var perRow = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new org.springframework.jdbc.core.JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public int[] batchUpdate(String sql, List<? extends Object[]> args) {
                if (sql.startsWith("INSERT INTO analytics_buyer")) {
                    perRow.addAndGet(args.size());
                }
                return super.batchUpdate(sql, args);
            }
        };
        var live = new AnalyticsProjection(counting, new AnalyticsZone(SHANGHAI));
        inOneBatch(live, List.of(placed("m1", "shop-1", "buyer-1", "2026-12-01T02:00:00Z", 1, "20.00", "0.00"),
                new OrderPaid("m1", Money.of("20.00"), "wechat", "t-m1", Instant.parse("2026-12-01T02:01:00Z"))));
        perRow.set(0);
        List<Object> second = new java.util.ArrayList<>();
        for (String[] order : List.of(new String[]{"m2", "buyer-1"}, new String[]{"m3", "buyer-2"},
                new String[]{"m4", "buyer-3"}, new String[]{"m5", "buyer-3"})) {
            second.add(placed(order[0], "shop-1", order[1], "2026-12-01T03:00:00Z", 1, "20.00", "0.00"));
            second.add(new OrderPaid(order[0], Money.of("20.00"), "wechat", "t-" + order[0],
                    Instant.parse("2026-12-01T03:01:00Z")));
        }
        inOneBatch(live, second);
        for (String shop : java.util.Arrays.asList("shop-1", null)) { // the shop's and the platform's
            assertThat(queries.daily(shop, DEC_1, DEC_1).days()).singleElement().satisfies(d -> {
                assertThat(d.paid()).isEqualTo(5);
                assertThat(d.buyers()).isEqualTo(3);
                assertThat(d.newBuyers()).isEqualTo(3);
            });
        }
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM analytics_buyer WHERE shop_id = 'shop-1'",
                Integer.class)).isEqualTo(3);
        if (ReadModelDatabase.postgres()) {
            assertThat(perRow.get()).isZero();
        } else {
            assertThat(perRow.get()).isEqualTo(12); // three buyers, the shop's and the platform's, day and first
        }
    }

    /** An order of three lines, each of its own product: 1 × 10.00, 2 × 4.00, 3 × 6.00. */
    static OrderPlaced threeProducts(String orderId, String at) {
        List<OrderLine> lines = List.of(line(orderId, "a", 1, "10.00"), line(orderId, "b", 2, "4.00"),
                line(orderId, "c", 3, "6.00"));
        return new OrderPlaced(orderId, "no-" + orderId, "buyer-1", "shop-1", OrderType.PHYSICAL, lines, RECEIVER,
                null, Money.of("36.00"), Money.ZERO, Money.ZERO, Money.of("36.00"), 0, 0, Instant.parse(at),
                Instant.parse(at).plusSeconds(1800));
    }

    static OrderLine line(String orderId, String product, int units, String unitPrice) {
        return new OrderLine("line-" + orderId + "-" + product, "product-" + product, "sku-" + product, "S1",
                "商品" + product, null, Map.of(), Money.of(unitPrice), null, units, Money.of(unitPrice).times(units));
    }

    /** The events handled as one batch of the live processor: one unit of work, committed together. */
    static void inOneBatch(AnalyticsProjection live, List<Object> events) {
        var messages = events.stream().map(e -> (org.axonframework.eventhandling.EventMessage<?>)
                new org.axonframework.eventhandling.GenericDomainEventMessage<>("Order",
                        e instanceof OrderPlaced p ? p.orderId() : ((OrderPaid) e).orderId(), 0, e)).toList();
        var batch = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(messages);
        db.batch(() -> {
            try {
                batch.executeWithResult(() -> {
                    Object event = batch.getMessage().getPayload();
                    if (event instanceof OrderPlaced e) {
                        live.on(e);
                    } else {
                        live.on((OrderPaid) event);
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The same figures summed over the range's days (analytics_product): what the running totals must equal. */
    static List<io.ordersvc.shared.analytics.AnalyticsQuery.ProductFigures> summed(String shop, LocalDate from,
                                                                                  LocalDate to, boolean byQuantity) {
        String order = byQuantity ? "SUM(quantity) DESC, SUM(revenue) DESC" : "SUM(revenue) DESC, SUM(quantity) DESC";
        return db.jdbc.query("SELECT product_id, MAX(product_name), SUM(quantity), SUM(revenue), SUM(refunded_amount),"
                        + " SUM(refund_count) FROM analytics_product WHERE shop_id = ? AND stat_date BETWEEN ? AND ?"
                        + " GROUP BY product_id ORDER BY " + order + ", product_id FETCH FIRST 10 ROWS ONLY",
                (rs, i) -> {
                    BigDecimal revenue = rs.getBigDecimal(4);
                    BigDecimal refunded = rs.getBigDecimal(5);
                    return new io.ordersvc.shared.analytics.AnalyticsQuery.ProductFigures(rs.getString(1),
                            rs.getString(2), rs.getInt(3), Money.of(revenue), Money.of(refunded), rs.getInt(6),
                            revenue.signum() == 0 ? BigDecimal.ZERO.setScale(4)
                                    : refunded.divide(revenue, 4, java.math.RoundingMode.HALF_UP));
                }, shop, java.sql.Date.valueOf(from), java.sql.Date.valueOf(to));
    }
}
