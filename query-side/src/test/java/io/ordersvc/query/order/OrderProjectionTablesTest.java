package io.ordersvc.query.order;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.ReceiptExtended;
import io.ordersvc.shared.order.OrderEvent.SellerRemarkSet;
import io.ordersvc.shared.order.OrderEvent.WaybillPrintMarked;
import io.ordersvc.shared.order.SellerFlag;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.order.ShipmentLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** order_view, its lines, shipments, log and counters, fed events and read with JDBC: no application context. */
class OrderProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant AUTO_CONFIRM_AT = T0.plus(Duration.ofDays(10));
    static final io.ordersvc.platform.privacy.PersonalDataVault VAULT =
            io.ordersvc.platform.privacy.PersonalDataVault.inMemory();
    static ReadModelDatabase db;
    static OrderProjection orders;
    static OrderLogProjection log;

    final String orderId = UUID.randomUUID().toString();
    final String lineId = UUID.randomUUID().toString();
    final String shipmentId = UUID.randomUUID().toString();
    final String shop = "shop-" + orderId.substring(0, 8);

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_orders_test");
        OrderTables tables = new OrderTables(db.jdbc);
        orders = new OrderProjection(tables, new OrderCounters(db.jdbc), VAULT);
        log = new OrderLogProjection(tables);
    }

    OrderPlaced placed() {
        return placed(orderId, lineId);
    }

    OrderPlaced placed(String orderId, String lineId) {
        return new OrderPlaced(orderId, String.format("%020d", Math.abs((long) orderId.hashCode())), "buyer-1", shop,
                OrderType.PHYSICAL, List.of(new OrderLine(lineId, "p", "s", "S", "Widget", null, Map.of("k", "v"),
                Money.of("5.00"), null, 3, Money.of("15.00"))),
                new Receiver("李四", "13900001111", "p", "c", "d", "a", null), null,
                Money.of("15.00"), Money.ZERO, Money.ZERO, Money.of("15.00"), 0, 15, T0, T0.plusSeconds(86400));
    }

    /** Every handler of the orders group that takes the event, as the processor calls them. */
    void handle(OrderEvent event, long sequence) {
        if (event instanceof OrderPlaced e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof OrderPaid e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof OrderShipped e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof RefundOpened e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof OrderEvent.LineRefunded e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof RefundEnded e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof WaybillPrintMarked e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof SellerRemarkSet e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof ReceiptExtended e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof io.ordersvc.shared.order.OrderEvent.PriceAdjusted e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        } else if (event instanceof io.ordersvc.shared.order.OrderEvent.ReceiverChanged e) {
            orders.on(e, sequence, T0.plusSeconds(sequence));
        }
        log.on(event, sequence, T0.plusSeconds(sequence), "actor-" + sequence, "buyer", "corr-" + sequence);
    }

    void feed(OrderEvent event, long sequence) {
        db.batch(() -> handle(event, sequence));
    }

    List<OrderEvent> lifecycle() {
        return List.of(placed(), new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)),
                new OrderShipped(orderId, shipmentId, "SF", "顺丰", "SF9", List.of(new ShipmentLine(lineId, 3)),
                        true, T0.plusSeconds(2), AUTO_CONFIRM_AT));
    }

    Map<String, Object> order() {
        return db.row("SELECT status, version, auto_confirm_at, goods_names, refund_in_progress,"
                + " open_refund_lines FROM order_view v JOIN order_search s ON s.order_id = v.order_id"
                + " WHERE v.order_id = ?", orderId);
    }

    /** What status counts answer for not_printed: to ship, less those printed. */
    long notPrinted() {
        return counter("status:to_ship") - counter("printed_to_ship");
    }

    long counter(String counter) {
        return db.jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM order_count WHERE counter = ?", Long.class,
                counter);
    }

    @Test
    void a_batchs_counters_are_written_in_one_round_trip_and_a_missing_counter_row_is_created() {
        List<String> singles = new java.util.ArrayList<>();
        List<Integer> batches = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new org.springframework.jdbc.core.JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                singles.add(sql);
                return super.update(sql, args);
            }

            @Override
            public int update(org.springframework.jdbc.core.PreparedStatementCreator creator) {
                statements.incrementAndGet();
                return super.update(creator);
            }

            @Override
            public int[] batchUpdate(String sql, List<? extends Object[]> args) {
                batches.add(args.size());
                return super.batchUpdate(sql, args);
            }
        };
        OrderProjection projection = new OrderProjection(new OrderTables(db.jdbc), new OrderCounters(counting), VAULT);
        long toShip = counter("status:to_ship");
        long unpaid = counter("status:pending_payment");
        inOneBatch(() -> projection.on(placed(), 0, T0));
        inOneBatch(() -> projection.on(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)),
                1, T0.plusSeconds(1)));
        if (ReadModelDatabase.postgres()) {
            assertThat(statements).as("one statement per event batch, however many counters").hasValue(2);
            assertThat(batches).isEmpty();
        } else {
            assertThat(batches).as("one round trip per event batch: placed (1 counter), paid (2)")
                    .containsExactly(1, 2);
        }
        assertThat(singles).as("every counter row existed").isEmpty();
        assertThat(counter("status:to_ship")).isEqualTo(toShip + 1);
        assertThat(counter("status:pending_payment")).isEqualTo(unpaid);

        db.jdbc.update("DELETE FROM order_count WHERE counter = 'status:completed'");
        statements.set(0);
        inOneBatch(() -> new OrderCounters(counting).changed("to_ship", false, false, false, completedCopyOf()));
        if (ReadModelDatabase.postgres()) {
            assertThat(statements).as("the missing row is inserted by the same statement").hasValue(1);
            assertThat(singles).isEmpty();
        } else {
            assertThat(singles).as("the missing row is inserted").hasSize(1).allMatch(sql -> sql.startsWith("INSERT"));
        }
        assertThat(counter("status:completed")).isEqualTo(1);
        assertThat(counter("status:to_ship")).isEqualTo(toShip);
    }

    @Test
    void a_batch_of_shipments_loads_its_orders_and_their_lines_in_one_round_trip_on_postgresql() {
        String otherOrder = UUID.randomUUID().toString();
        String otherLine = UUID.randomUUID().toString();
        for (String id : List.of(orderId, otherOrder)) {
            feed(placed(id, id.equals(orderId) ? lineId : otherLine), 0);
            feed(new OrderPaid(id, Money.of("15.00"), "alipay", "T-" + id, T0.plusSeconds(1)), 1);
        }
        List<String> lookups = new java.util.ArrayList<>();
        var counting = new org.springframework.jdbc.core.JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public void query(String sql, org.springframework.jdbc.core.RowCallbackHandler rows, Object... args) {
                lookups.add(sql);
                super.query(sql, rows, args);
            }

            @Override
            public void query(org.springframework.jdbc.core.PreparedStatementCreator creator,
                              org.springframework.jdbc.core.RowCallbackHandler rows) {
                lookups.add(((org.springframework.jdbc.core.SqlProvider) creator).getSql());
                super.query(creator, rows);
            }

            @Override
            public <T> T execute(org.springframework.jdbc.core.PreparedStatementCreator creator,
                                 org.springframework.jdbc.core.PreparedStatementCallback<T> action) {
                if (creator instanceof org.springframework.jdbc.core.SqlProvider named
                        && named.getSql().startsWith("SELECT")) {
                    lookups.add(named.getSql());
                }
                return super.execute(creator, action);
            }
        };
        OrderProjection projection = new OrderProjection(new OrderTables(counting), new OrderCounters(db.jdbc), VAULT);
        List<OrderShipped> shipments = List.of(
                new OrderShipped(orderId, shipmentId, "SF", "顺丰", "SF1", List.of(new ShipmentLine(lineId, 3)), true,
                        T0.plusSeconds(2), AUTO_CONFIRM_AT),
                new OrderShipped(otherOrder, UUID.randomUUID().toString(), "SF", "顺丰", "SF2",
                        List.of(new ShipmentLine(otherLine, 1)), false, T0.plusSeconds(2), AUTO_CONFIRM_AT));
        db.batchOf(shipments.stream().map(e -> new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "Order", e.orderId(), 2, e)).toList(),
                message -> projection.on((OrderShipped) message.getPayload(), 2, T0.plusSeconds(2)));

        if (ReadModelDatabase.postgres()) {
            assertThat(lookups).as("the orders and their shipped lines, in one request").singleElement()
                    .satisfies(sql -> assertThat(sql).contains("FROM order_view").contains("; SELECT")
                            .contains("FROM order_line_view"));
        } else {
            assertThat(lookups).hasSize(2).anyMatch(sql -> sql.contains("FROM order_view"))
                    .anyMatch(sql -> sql.contains("FROM order_line_view"));
        }
        Map<String, Object> shipped = db.row("SELECT status, version FROM order_view WHERE order_id = ?", orderId);
        assertThat(shipped).containsEntry("status", "shipped");
        assertThat(((Number) shipped.get("version")).longValue()).isEqualTo(2);
        assertThat(db.row("SELECT status FROM order_view WHERE order_id = ?", otherOrder))
                .containsEntry("status", "to_ship");
        assertThat(db.jdbc.queryForList("SELECT shipped_quantity FROM order_line_view WHERE order_line_id IN (?, ?)"
                + " ORDER BY shipped_quantity", Integer.class, lineId, otherLine)).containsExactly(1, 3);
    }

    /** The handlers run as a processor's batch: in a unit of work, committed with the transaction. */
    static void inOneBatch(Runnable handlers) {
        db.batch(() -> {
            var unitOfWork = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(
                    new org.axonframework.eventhandling.GenericEventMessage<>("a batch"));
            try {
                handlers.run();
            } catch (RuntimeException e) {
                unitOfWork.rollback(e);
                throw e;
            }
            unitOfWork.commit();
        });
    }

    /** The order as order_view holds it, completed. */
    private OrderViewEntity completedCopyOf() {
        OrderViewEntity o = new OrderViewEntity();
        o.status = "completed";
        return o;
    }

    @Test
    void the_print_mark_counts_orders_left_to_print_and_the_remark_and_extension_stay_off_the_buyers_log() {
        long before = notPrinted();
        feed(placed(), 0);
        assertThat(notPrinted()).as("unpaid: nothing to print").isEqualTo(before);
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        assertThat(notPrinted()).isEqualTo(before + 1);
        feed(new WaybillPrintMarked(orderId, true, "seller-1", T0), 2);
        assertThat(notPrinted()).isEqualTo(before);
        feed(new WaybillPrintMarked(orderId, false, "seller-1", T0), 3);
        assertThat(notPrinted()).isEqualTo(before + 1);
        feed(new SellerRemarkSet(orderId, "加急", SellerFlag.RED, "seller-1", T0), 4);
        feed(new OrderShipped(orderId, shipmentId, "SF", "顺丰", "SF9", List.of(new ShipmentLine(lineId, 3)), true,
                T0.plusSeconds(2), AUTO_CONFIRM_AT), 5);
        assertThat(notPrinted()).as("shipped: nothing left to print").isEqualTo(before);
        feed(new ReceiptExtended(orderId, AUTO_CONFIRM_AT.plus(Duration.ofDays(3)), T0), 6);
        var row = db.row("SELECT printed, seller_remark, seller_flag, receipt_extended FROM order_view"
                + " WHERE order_id = ?", orderId);
        assertThat(row).containsEntry("printed", false).containsEntry("seller_remark", "加急")
                .containsEntry("seller_flag", "red").containsEntry("receipt_extended", true);
        assertThat(db.jdbc.queryForObject("SELECT auto_confirm_at FROM order_view WHERE order_id = ?",
                OffsetDateTime.class, orderId).toInstant()).isEqualTo(AUTO_CONFIRM_AT.plus(Duration.ofDays(3)));
        assertThat(db.jdbc.queryForList("SELECT action FROM order_log_entry WHERE order_id = ? ORDER BY sequence",
                String.class, orderId)).containsExactly("placed", "paid", "waybill_printed", "waybill_printed",
                "shipped", "receipt_extended");
    }

    @Test
    void a_price_adjustment_moves_the_amounts_and_each_lines_paid_amount_once() {
        var placed = placed();
        var price = placed.price().adjustedBy(Money.of("3.00"), java.math.BigDecimal.ONE);
        var adjusted = new io.ordersvc.shared.order.OrderEvent.PriceAdjusted(orderId, price,
                Map.of(lineId, Money.of("3.00")), "老客户", "seller-1", T0);
        feed(placed, 0);
        feed(adjusted, 1);
        feed(adjusted, 1); // delivered again
        var o = db.row("SELECT pay_amount, discount_amount, points_earned FROM order_view WHERE order_id = ?", orderId);
        assertThat((java.math.BigDecimal) o.get("pay_amount")).isEqualByComparingTo("12.00");
        assertThat((java.math.BigDecimal) o.get("discount_amount")).isEqualByComparingTo("3.00");
        assertThat(((Number) o.get("points_earned")).longValue()).isEqualTo(12);
        var line = db.row("SELECT discount_share, paid_amount FROM order_line_view WHERE order_line_id = ?", lineId);
        assertThat((java.math.BigDecimal) line.get("discount_share")).isEqualByComparingTo("3.00");
        assertThat((java.math.BigDecimal) line.get("paid_amount")).isEqualByComparingTo("12.00");
        assertThat(db.jdbc.queryForList("SELECT action FROM order_log_entry WHERE order_id = ? ORDER BY sequence",
                String.class, orderId)).containsExactly("placed", "price_adjusted");
    }

    @Test
    void a_new_receiver_replaces_the_address_the_search_reads_and_the_price() {
        var placed = placed();
        var price = placed.price().withShippingFee(Money.of("8.00"), java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
        feed(placed, 0);
        feed(new io.ordersvc.shared.order.OrderEvent.ReceiverChanged(orderId, "buyer-1", new Receiver("王五", "13700002222",
                "上海市", "上海市", "徐汇区", "漕溪北路1号", null, "310104"), price, "buyer-1", T0), 1);
        var o = db.row("SELECT receiver_name, receiver_phone, receiver_address, receiver_region_code, shipping_fee,"
                + " pay_amount FROM order_view WHERE order_id = ?", orderId);
        assertThat(o).containsEntry("receiver_region_code", "310104");
        // The name, phone and street address are stored sealed with the buyer's key, never in clear.
        for (String column : List.of("receiver_name", "receiver_phone", "receiver_address")) {
            assertThat((String) o.get(column)).startsWith("pd1:").doesNotContain("王五", "13700002222", "漕溪北路");
        }
        assertThat(VAULT.open((String) o.get("receiver_name"))).isEqualTo("王五");
        assertThat(VAULT.open((String) o.get("receiver_phone"))).isEqualTo("13700002222");
        assertThat(VAULT.open((String) o.get("receiver_address"))).isEqualTo("漕溪北路1号");
        // The search tokens follow the new receiver: its name and phone digits match, the old one's no longer.
        List<Long> tokens = db.jdbc.queryForObject("SELECT tokens FROM order_receiver_token WHERE order_id = ?",
                (rs, i) -> java.util.Arrays.asList(longs(rs.getArray(1))), orderId);
        assertThat(tokens).contains(VAULT.nameToken("王"), VAULT.nameToken("王五")).doesNotContain(VAULT.nameToken("李"));
        assertThat(VAULT.phoneSearch("0000222").matches(tokens)).isTrue();
        assertThat(VAULT.phoneSearch("13700002222").matches(tokens)).isTrue();
        assertThat(VAULT.phoneSearch("1111").matches(tokens)).as("the old receiver's phone").isFalse();
        assertThat((java.math.BigDecimal) o.get("shipping_fee")).isEqualByComparingTo("8.00");
        assertThat((java.math.BigDecimal) o.get("pay_amount")).isEqualByComparingTo("23.00");
        assertThat(db.jdbc.queryForList("SELECT action FROM order_log_entry WHERE order_id = ? ORDER BY sequence",
                String.class, orderId)).containsExactly("placed", "receiver_changed");
    }

    @Test
    void the_lifecycle_writes_the_order_its_lines_shipments_log_and_counts() {
        long shippedBefore = counter("status:shipped");
        List<OrderEvent> events = lifecycle();
        for (int i = 0; i < events.size(); i++) {
            feed(events.get(i), i);
        }

        var o = order();
        assertThat(o.get("status")).isEqualTo("shipped");
        assertThat(((Number) o.get("version")).longValue()).isEqualTo(2);
        assertThat(db.jdbc.queryForObject("SELECT auto_confirm_at FROM order_view WHERE order_id = ?",
                OffsetDateTime.class, orderId).toInstant()).isEqualTo(AUTO_CONFIRM_AT);
        assertThat(o.get("goods_names")).isEqualTo("widget");
        assertThat(db.jdbc.queryForObject("SELECT shipped_quantity FROM order_line_view WHERE order_line_id = ?",
                Integer.class, lineId)).isEqualTo(3);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM order_shipment_view WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(1);
        assertThat(db.jdbc.queryForList("SELECT action || '/' || status_after FROM order_log_entry WHERE order_id = ?"
                + " ORDER BY sequence", String.class, orderId))
                .containsExactly("placed/pending_payment", "paid/to_ship", "shipped/shipped");
        assertThat(counter("status:shipped")).isEqualTo(shippedBefore + 1);
    }

    /** The heap page a line's current version is on. */
    int page(String lineId) {
        return db.jdbc.queryForObject("SELECT (ctid::text::point)[0]::int FROM order_line_view WHERE order_line_id = ?",
                Integer.class, lineId);
    }

    @Test
    void a_shipped_lines_new_version_stays_on_its_page() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ReadModelDatabase.postgres(), "pages are PostgreSQL's");
        feed(placed(), 0);
        for (int i = 0; i < 60; i++) { // the pages after the line's: its own filled as far as it is filled
            feed(placed(UUID.randomUUID().toString(), UUID.randomUUID().toString()), 0);
        }
        int before = page(lineId);
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        feed(new OrderShipped(orderId, shipmentId, "SF", "顺丰", "SF1", List.of(new ShipmentLine(lineId, 1)), false,
                T0.plusSeconds(2), null), 2);

        assertThat(db.jdbc.queryForObject("SELECT shipped_quantity FROM order_line_view WHERE order_line_id = ?",
                Integer.class, lineId)).isOne();
        assertThat(page(lineId)).as("a heap-only update: room was left on the page (V39)").isEqualTo(before);
    }

    /**
     * A GIN index merges its pending list in the INSERT that passes the list's limit: 4 MB by default, a 40-60 ms
     * statement in the order projection's batch (V40). Every GIN index of the read models keeps it small, one added
     * later too.
     */
    @Test
    void the_read_models_gin_indexes_merge_small_pending_lists() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ReadModelDatabase.postgres(), "GIN is PostgreSQL's");
        List<String> gins = db.jdbc.queryForList("SELECT i.relname || ' ' || coalesce(i.reloptions::text, 'default')"
                + " FROM pg_class i JOIN pg_am a ON a.oid = i.relam"
                + " WHERE a.amname = 'gin' AND i.relnamespace = current_schema()::regnamespace ORDER BY 1",
                String.class);

        assertThat(gins).containsExactly("order_receiver_token_gin {gin_pending_list_limit=64}",
                "order_search_goods_names_trgm {gin_pending_list_limit=64}",
                "order_shipment_view_tracking_trgm {gin_pending_list_limit=64}");
    }

    /** The order's shipments whose tracking number holds the text, as a tracking-number search matches them. */
    List<String> trackedBy(String text) {
        return db.jdbc.queryForList("SELECT tracking_no FROM order_shipment_view WHERE order_id = ?"
                + " AND lower(tracking_no) LIKE ? ORDER BY shipped_at", String.class, orderId, "%" + text + "%");
    }

    @Test
    void each_shipment_is_searched_in_its_own_row_and_leaves_the_orders_search_row_alone() {
        feed(placed(), 0);
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        String searchRow = ReadModelDatabase.postgres()
                ? db.jdbc.queryForObject("SELECT xmin::text FROM order_search WHERE order_id = ?", String.class,
                orderId)
                : null;
        var first = new OrderShipped(orderId, shipmentId, "SF", "顺丰", "SF1", List.of(new ShipmentLine(lineId, 1)),
                false, T0.plusSeconds(2), null);
        feed(first, 2);
        assertThat(trackedBy("sf1")).containsExactly("SF1");
        assertThat(order().get("status")).as("partly shipped").isEqualTo("to_ship");

        feed(new OrderShipped(orderId, UUID.randomUUID().toString(), "YTO", "圆通", "YT2",
                List.of(new ShipmentLine(lineId, 2)), true, T0.plusSeconds(3), AUTO_CONFIRM_AT), 3);
        feed(first, 2); // redelivered: older than the row
        assertThat(trackedBy("")).containsExactly("SF1", "YT2");
        assertThat(trackedBy("t2")).containsExactly("YT2");
        var o = order();
        assertThat(o.get("status")).isEqualTo("shipped");
        assertThat(o.get("goods_names")).isEqualTo("widget");
        if (searchRow != null) {
            assertThat(db.jdbc.queryForObject("SELECT xmin::text FROM order_search WHERE order_id = ?", String.class,
                    orderId)).as("the search row was not written again").isEqualTo(searchRow);
        }
    }

    @Test
    void a_replay_of_every_event_changes_no_row_and_no_count() {
        List<OrderEvent> events = lifecycle();
        db.batch(() -> {
            for (int i = 0; i < events.size(); i++) {
                handle(events.get(i), i);
            }
        });
        var before = order();
        long shipped = counter("status:shipped");
        long pending = counter("status:pending_payment");

        db.batch(() -> {
            for (int i = 0; i < events.size(); i++) {
                handle(events.get(i), i);
            }
        });

        assertThat(order()).isEqualTo(before);
        assertThat(counter("status:shipped")).isEqualTo(shipped);
        assertThat(counter("status:pending_payment")).isEqualTo(pending);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM order_log_entry WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(3);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM order_shipment_view WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(1);
    }

    @Test
    void an_open_refund_flags_the_order_until_it_ends_and_moves_the_automatic_receipt() {
        List<OrderEvent> events = lifecycle();
        for (int i = 0; i < events.size(); i++) {
            feed(events.get(i), i);
        }
        long refunding = counter("refund_in_progress");

        feed(new RefundOpened(orderId, "r1", lineId, Money.of("5.00")), 3);
        assertThat(order().get("refund_in_progress")).isEqualTo(true);
        assertThat(((Number) order().get("open_refund_lines")).intValue()).isEqualTo(1);
        assertThat(counter("refund_in_progress")).isEqualTo(refunding + 1);

        Instant resumed = AUTO_CONFIRM_AT.plusSeconds(600);
        feed(new RefundEnded(orderId, "r1", lineId, RefundOutcome.CANCELLED, resumed, resumed), 4);
        assertThat(order().get("refund_in_progress")).isEqualTo(false);
        assertThat(counter("refund_in_progress")).isEqualTo(refunding);
        assertThat(db.jdbc.queryForObject("SELECT auto_confirm_at FROM order_view WHERE order_id = ?",
                OffsetDateTime.class, orderId).toInstant()).isEqualTo(resumed);
        assertThat(db.jdbc.queryForObject("SELECT refund_state FROM order_line_view WHERE order_line_id = ?",
                String.class, lineId)).isEqualTo("none");
    }

    /**
     * The same handlers over tables in memory (time travel, an archived order's detail) end on the very row the
     * tables hold, and both note when the order finished: the time of the event that finished it.
     */
    @Test
    void a_fold_in_memory_ends_on_the_row_the_tables_hold_and_both_note_when_the_order_finished() {
        List<OrderEvent> events = new java.util.ArrayList<>(List.of(placed(),
                new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1))));
        events.add(new RefundOpened(orderId, "r1", lineId, Money.of("15.00")));
        events.add(new OrderEvent.LineRefunded(orderId, "r1", lineId, Money.of("15.00"), Money.of("15.00"), true,
                null, 3, io.ordersvc.shared.order.OrderStatus.CLOSED, T0.plusSeconds(3), null, null));
        for (int i = 0; i < events.size(); i++) {
            feed(events.get(i), i);
            assertThat(order().get("status")).isNotNull();
        }
        var mapping = io.ordersvc.query.support.BatchTable.Mapping.of(OrderViewEntity.class);
        OrderViewEntity stored = db.jdbc.queryForObject("SELECT " + String.join(", ", mapping.columns())
                + " FROM order_view WHERE order_id = ?", (rs, i) -> mapping.reader().read(rs), orderId);
        assertThat(stored.status).isEqualTo("closed");
        assertThat(stored.finishedAt).as("the time of the closing event").isEqualTo(T0.plusSeconds(3));

        OrderTables memory = OrderTables.inMemory();
        List<org.axonframework.eventhandling.DomainEventMessage<?>> messages = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new org.axonframework.eventhandling.GenericDomainEventMessage<>("Order", orderId, i,
                    events.get(i), org.axonframework.messaging.MetaData.with(
                    io.ordersvc.platform.axon.AuditMetaData.ACTOR_ID, "actor-" + i)
                    .and(io.ordersvc.platform.axon.AuditMetaData.ACTOR_ROLE, "buyer"), UUID.randomUUID().toString(), T0.plusSeconds(i)));
        }
        io.ordersvc.query.support.Fold.through(new OrderProjection(memory, OrderCounts.NONE, VAULT),
                new OrderLogProjection(memory)).apply(messages);
        OrderViewEntity folded = memory.rows(memory.orders).get(0);
        assertThat(folded).usingRecursiveComparison().isEqualTo(stored);
        assertThat(VAULT.open(folded.receiverName)).isEqualTo(VAULT.open(stored.receiverName)).isEqualTo("李四");
        assertThat(VAULT.open(folded.receiverAddress)).isEqualTo(VAULT.open(stored.receiverAddress)).isEqualTo("a");
        assertThat(memory.rows(memory.log)).hasSize(events.size());
        assertThat(memory.rows(memory.lines).get(0).refundedAmount).isEqualByComparingTo("15.00");
    }

    private static Long[] longs(java.sql.Array array) {
        try {
            return java.util.Arrays.stream((Object[]) array.getArray()).map(v -> ((Number) v).longValue())
                    .toArray(Long[]::new);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
