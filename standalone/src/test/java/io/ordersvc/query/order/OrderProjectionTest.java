package io.ordersvc.query.order;

import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderFilter;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderQuery;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.OrderViews.OrderDetail;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import io.ordersvc.query.support.CustomPlans;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Feeds events straight into the order projections, then asks the query handlers. */
class OrderProjectionTest extends IntegrationTest {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant AUTO_CONFIRM_AT = T0.plusSeconds(2).plus(java.time.Duration.ofDays(10));

    @Autowired
    OrderProjection orders;
    @Autowired
    OrderLogProjection log;
    @Autowired
    OrderQueries queries;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CustomPlans customPlans;
    @Autowired
    JdbcTemplate jdbc;

    String orderId = UUID.randomUUID().toString();
    String lineId = UUID.randomUUID().toString();
    String buyer = "projection-buyer-" + orderId.substring(0, 8);
    Actor owner = new Actor(buyer, Role.BUYER, null);

    OrderPlaced placed() {
        return new OrderPlaced(orderId, String.format("%020d", Math.abs((long) orderId.hashCode())), buyer, "shop-p", OrderType.PHYSICAL,
                List.of(new OrderLine(lineId, "p", "s", "S", "Widget", null, Map.of("k", "v"),
                        Money.of("5.00"), null, 3, Money.of("15.00"))),
                new Receiver("李四", "13900001111", "p", "c", "d", "a", "100000"), "快点",
                Money.of("15.00"), Money.ZERO, Money.ZERO, Money.of("15.00"), 0, 15, T0, T0.plusSeconds(86400));
    }

    void feed(Object event, long sequence) {
        tx.executeWithoutResult(s -> handle(event, sequence));
    }

    void handle(Object event, long sequence) {
        {
            if (event instanceof OrderPlaced e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            } else if (event instanceof OrderPaid e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            } else if (event instanceof OrderShipped e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            } else if (event instanceof OrderCancelled e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            } else if (event instanceof RefundOpened e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            } else if (event instanceof RefundEnded e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            } else if (event instanceof OrderReceiptConfirmed e) {
                orders.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
            }
            log.on((io.ordersvc.shared.order.OrderEvent) event, sequence, T0.plusSeconds(sequence), buyer, "buyer",
                    "corr-" + sequence);
        }
    }

    /** Two lines, both paid for and shipped: refunds can open on each. */
    void twoLinesShipped(String secondLine) {
        OrderPlaced one = placed();
        var lines = new java.util.ArrayList<>(one.lines());
        lines.add(new OrderLine(secondLine, "p2", "s2", "S2", "Gadget", null, Map.of(), Money.of("5.00"), null, 1,
                Money.of("5.00")));
        feed(new OrderPlaced(orderId, one.orderNo(), buyer, "shop-p", OrderType.PHYSICAL, lines, one.receiver(), null,
                Money.of("20.00"), Money.ZERO, Money.ZERO, Money.of("20.00"), 0, 20, T0, T0.plusSeconds(86400)), 0);
        feed(new OrderPaid(orderId, Money.of("20.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
    }

    OrderDetail detail() {
        return queries.handle(new OrderQuery.FindOrder(orderId, owner));
    }

    @Test
    void events_build_the_detail_with_lines_shipments_and_log() {
        feed(placed(), 0);
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        feed(new OrderShipped(orderId, UUID.randomUUID().toString(), "SF", "顺丰", "SF9",
                List.of(new ShipmentLine(lineId, 3)), true, T0.plusSeconds(2), AUTO_CONFIRM_AT), 2);

        OrderDetail d = detail();
        assertThat(d.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(d.version()).isEqualTo(2);
        assertThat(d.payment().channel()).isEqualTo("alipay");
        assertThat(d.lines().get(0).shippedQuantity()).isEqualTo(3);
        assertThat(d.lines().get(0).properties()).containsEntry("k", "v");
        assertThat(d.shipments()).hasSize(1);
        assertThat(d.log()).extracting(l -> l.action()).containsExactly("placed", "paid", "shipped");
        assertThat(d.log().get(2).statusAfter()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(d.actions().canConfirmReceipt()).isTrue();
    }

    @Test
    void replayed_or_older_events_change_nothing() {
        feed(placed(), 0);
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        feed(placed(), 0);
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        feed(new OrderCancelled(orderId, "late duplicate", T0), 1);

        OrderDetail d = detail();
        assertThat(d.status()).isEqualTo(OrderStatus.TO_SHIP);
        assertThat(d.lines()).hasSize(1);
        assertThat(d.log()).hasSize(2);
        assertThat(queries.handle(new OrderQuery.ListOrders(OrderFilter.NONE, 1, 20, owner)).total()).isEqualTo(1);
    }

    @Test
    void the_refund_flag_stays_while_any_line_has_an_open_refund() {
        String second = UUID.randomUUID().toString();
        twoLinesShipped(second);
        feed(new RefundOpened(orderId, "r1", lineId, Money.of("15.00")), 2);
        feed(new RefundOpened(orderId, "r2", second, Money.of("5.00")), 3);
        assertThat(detail().refundInProgress()).isTrue();

        feed(new RefundEnded(orderId, "r1", lineId, RefundOutcome.CANCELLED, T0.plusSeconds(4), null), 4);
        assertThat(detail().refundInProgress()).as("the second line's refund is still open").isTrue();
        feed(new RefundEnded(orderId, "r1", lineId, RefundOutcome.CANCELLED, T0.plusSeconds(4), null), 4); // redelivered: no effect
        feed(new RefundEnded(orderId, "r2", second, RefundOutcome.REFUSED, T0.plusSeconds(5), null), 5);

        OrderDetail d = detail();
        assertThat(d.refundInProgress()).isFalse();
        assertThat(d.lines()).extracting(l -> l.refundState().value()).containsExactly("none", "failed");
        assertThat(jdbc.queryForObject("SELECT open_refund_lines FROM order_view WHERE order_id = ?", Integer.class,
                orderId)).isZero();
    }

    @Test
    void the_timers_are_the_due_dates_the_events_state() {
        feed(placed(), 0);
        assertThat(detail().timers()).extracting(t -> t.type().value() + "@" + t.dueAt())
                .containsExactly("payment_timeout@" + T0.plusSeconds(86400));
        feed(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
        feed(new OrderShipped(orderId, UUID.randomUUID().toString(), "SF", "顺丰", "SF9",
                List.of(new ShipmentLine(lineId, 3)), true, T0.plusSeconds(2), AUTO_CONFIRM_AT), 2);
        assertThat(detail().timers()).extracting(t -> t.type().value() + "@" + t.dueAt())
                .containsExactly("auto_confirm@" + AUTO_CONFIRM_AT);

        feed(new RefundOpened(orderId, "r1", lineId, Money.of("1.00")), 3);
        assertThat(detail().timers()).as("held while the refund is open").isEmpty();
        Instant resumed = AUTO_CONFIRM_AT.plus(java.time.Duration.ofDays(2));
        feed(new RefundEnded(orderId, "r1", lineId, RefundOutcome.CANCELLED, resumed, resumed), 4);
        assertThat(detail().timers()).as("resumed when the order said, not recomputed")
                .extracting(t -> t.type().value() + "@" + t.dueAt()).containsExactly("auto_confirm@" + resumed);

        Instant done = resumed.plusSeconds(5);
        feed(new OrderReceiptConfirmed(orderId, done, true, done.plus(java.time.Duration.ofDays(3)),
                done.plus(java.time.Duration.ofDays(4))), 5);
        assertThat(detail().timers()).extracting(t -> t.type().value() + "@" + t.dueAt()).containsExactly(
                "review_window@" + done.plus(java.time.Duration.ofDays(3)),
                "after_sales_window@" + done.plus(java.time.Duration.ofDays(4)));
    }

    @Test
    void a_batch_of_events_in_one_transaction_is_written_once_at_commit() {
        tx.executeWithoutResult(s -> {
            handle(placed(), 0);
            handle(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
            handle(new OrderShipped(orderId, UUID.randomUUID().toString(), "SF", "顺丰", "SF9",
                    List.of(new ShipmentLine(lineId, 3)), true, T0.plusSeconds(2), AUTO_CONFIRM_AT), 2);
            handle(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1); // older
        });

        OrderDetail d = detail();
        assertThat(d.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(d.version()).isEqualTo(2);
        assertThat(d.lines().get(0).shippedQuantity()).isEqualTo(3);
        assertThat(d.log()).extracting(l -> l.action()).containsExactly("placed", "paid", "shipped");
    }

    @Test
    void a_rolled_back_batch_writes_nothing() {
        tx.executeWithoutResult(s -> {
            handle(placed(), 0);
            handle(new OrderPaid(orderId, Money.of("15.00"), "alipay", "T1", T0.plusSeconds(1)), 1);
            s.setRollbackOnly();
        });

        assertThat(queries.handle(new OrderQuery.ListOrders(OrderFilter.NONE, 1, 20, owner)).total()).isZero();
        feed(placed(), 0);
        assertThat(detail().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(detail().log()).hasSize(1);
    }

    @Test
    void a_list_counts_its_matches_up_to_the_cap_and_says_when_it_stopped() {
        String many = "projection-many-" + orderId.substring(0, 8);
        for (int i = 0; i < 14; i++) {
            OrderPlaced p = placed();
            String id = UUID.randomUUID().toString();
            feed(new OrderPlaced(id, String.format("%020d", Math.abs((long) id.hashCode())), many, p.shopId(),
                    p.orderType(), List.of(new OrderLine(UUID.randomUUID().toString(), "p", "s", "S", "Widget", null,
                            Map.of(), Money.of("5.00"), null, 3, Money.of("15.00"))), p.receiver(), p.buyerRemark(), p.goodsAmount(), p.shippingFee(),
                    p.discountAmount(), p.payAmount(), p.pointsAmount(), p.pointsEarned(), T0.plusSeconds(i),
                    p.payableUntil()), 0);
        }
        Actor buyer = new Actor(many, Role.BUYER, null);

        // IntegrationTest caps counting at 12 (orders.list.count-cap).
        var first = queries.handle(new OrderQuery.ListOrders(OrderFilter.NONE, 1, 5, buyer));
        assertThat(first.items()).hasSize(5);
        assertThat(first.total()).isEqualTo(12);
        assertThat(first.totalExact()).isFalse();
        assertThat(first.totalPages()).isEqualTo(3);

        // The last page is not full, so it knows the exact total without counting.
        var last = queries.handle(new OrderQuery.ListOrders(OrderFilter.NONE, 3, 5, buyer));
        assertThat(last.items()).hasSize(4);
        assertThat(last.total()).isEqualTo(14);
        assertThat(last.totalExact()).isTrue();

        var within = queries.handle(new OrderQuery.ListOrders(OrderFilter.NONE, 1, 5, owner));
        assertThat(within.totalExact()).isTrue();
    }

    @Test
    void list_queries_are_planned_for_their_own_values_and_only_within_their_transaction() {
        assumeTrue(TestDatabase.postgres(), "plan_cache_mode is PostgreSQL's");
        String inside = tx.execute(s -> {
            customPlans.forThisTransaction();
            return jdbc.queryForObject("SHOW plan_cache_mode", String.class);
        });
        String after = tx.execute(s -> jdbc.queryForObject("SHOW plan_cache_mode", String.class));

        assertThat(inside).isEqualTo("force_custom_plan");
        assertThat(after).isEqualTo("auto");
    }
}
