package io.ordersvc.command.timer;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.RefundOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.ordersvc.shared.order.TimerType.AFTER_SALES_WINDOW;
import static io.ordersvc.shared.order.TimerType.AUTO_CONFIRM;
import static io.ordersvc.shared.order.TimerType.PAYMENT_TIMEOUT;
import static io.ordersvc.shared.order.TimerType.REVIEW_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order-due-dates projection: events in, the open timers (order_timer rows) and the batch's writes out, without
 * a database. What the saga and its deadlines did, as rows: each case names the timer it keeps or ends.
 */
class OrderDueDatesTest {

    private static final String ORDER = "order-1";
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Money ONE = Money.of("1.00");

    /** What order_timer holds before the batch. */
    private final List<Due> stored = new ArrayList<>();
    private final List<Collection<String>> loads = new ArrayList<>();
    private DueBook book = newBook();
    private final OrderDueDates projection = new OrderDueDates(null) {
        @Override
        DueBook book() {
            return book;
        }
    };

    private DueBook newBook() {
        return new DueBook(ids -> {
            loads.add(List.copyOf(ids));
            return stored.stream().filter(d -> ids.contains(d.orderId())).toList();
        });
    }

    /** Commits the batch: its rows become what is stored, the next events start a new batch. */
    private DueBook.Changes commit() {
        DueBook.Changes changes = book.changes();
        stored.clear();
        stored.addAll(book.rows());
        book = newBook();
        return changes;
    }

    private static Instant at(Duration after) {
        return T0.plus(after);
    }

    private void placed() {
        projection.on(new OrderPlaced(ORDER, "n", "b", "s", OrderType.PHYSICAL, List.of(), null, null, ONE,
                Money.ZERO, Money.ZERO, ONE, 0, 0, T0, at(Duration.ofHours(24))));
    }

    private void shipped(Instant autoConfirmAt) {
        projection.on(new OrderShipped(ORDER, "sh", "sf", "SF", "t", List.of(), autoConfirmAt != null, T0,
                autoConfirmAt));
    }

    private void opened(String refund) {
        projection.on(new RefundOpened(ORDER, refund, "line", ONE));
    }

    private void ended(String refund, Instant closedAt, Instant resumesAt) {
        projection.on(new RefundEnded(ORDER, refund, "line", RefundOutcome.REFUSED, closedAt, resumesAt));
    }

    private List<Due> rows() {
        return book.rows();
    }

    @Test
    void placement_opens_the_payment_window_without_reading_the_table() {
        placed();
        assertThat(rows()).containsExactly(new Due(ORDER, PAYMENT_TIMEOUT, at(Duration.ofHours(24)), 0));
        assertThat(loads).isEmpty();
        assertThat(commit().inserts()).hasSize(1);
    }

    @Test
    void payment_ends_the_payment_window() {
        placed();
        commit();
        projection.on(new OrderPaid(ORDER, ONE, "alipay", "tx", T0));
        assertThat(rows()).isEmpty();
        DueBook.Changes changes = commit();
        assertThat(changes.deletes()).containsExactly(new DueBook.Key(ORDER, PAYMENT_TIMEOUT));
        assertThat(changes.inserts()).isEmpty();
    }

    @Test
    void a_cancelled_order_keeps_no_timer() {
        placed();
        opened("r1");
        projection.on(new OrderCancelled(ORDER, "buyer", T0));
        assertThat(rows()).isEmpty();
        assertThat(commit().isEmpty()).as("placed and cancelled in one batch: nothing written").isTrue();
    }

    @Test
    void the_last_shipment_starts_the_automatic_receipt() {
        shipped(at(Duration.ofDays(10)));
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(10)), 0));
        assertThat(loads).containsExactly(List.of(ORDER));
    }

    @Test
    void a_partial_shipment_starts_nothing() {
        shipped(null);
        assertThat(rows()).isEmpty();
    }

    @Test
    void an_open_refund_holds_the_automatic_receipt_and_its_end_resumes_it_when_the_order_says() {
        shipped(at(Duration.ofDays(10)));
        opened("r1");
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(10)), 1));
        commit();
        ended("r1", at(Duration.ofDays(12)), at(Duration.ofDays(12)));
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(12)), 0));
        assertThat(commit().updates()).hasSize(1);
    }

    @Test
    void a_refund_opened_before_shipment_holds_the_receipt_the_shipment_then_schedules() {
        opened("r1");
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, null, 1));
        shipped(at(Duration.ofDays(10)));
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(10)), 1));
    }

    @Test
    void a_refund_that_ends_before_shipment_leaves_no_row() {
        opened("r1");
        ended("r1", at(Duration.ofDays(1)), null);
        assertThat(rows()).isEmpty();
    }

    @Test
    void the_receipt_waits_for_the_last_of_several_refunds() {
        shipped(at(Duration.ofDays(10)));
        opened("r1");
        opened("r2");
        ended("r1", at(Duration.ofDays(11)), null);
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(10)), 1));
    }

    @Test
    void an_event_stored_before_the_order_stated_the_date_resumes_at_the_old_date_or_when_the_refund_closed() {
        shipped(at(Duration.ofDays(10)));
        opened("r1");
        ended("r1", at(Duration.ofDays(3)), null); // closed before the date: the date stands
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(10)), 0));
        opened("r2");
        projection.on(new LineRefunded(ORDER, "r2", "line", ONE, ONE, false, null, 0, OrderStatus.SHIPPED,
                at(Duration.ofDays(11)), null)); // closed after it: due at once
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(11)), 0));
    }

    @Test
    void the_order_stating_the_date_wins_over_the_counted_holds() {
        shipped(at(Duration.ofDays(10)));
        opened("r1");
        opened("r1"); // counted twice
        ended("r1", at(Duration.ofDays(4)), at(Duration.ofDays(10)));
        assertThat(rows()).containsExactly(new Due(ORDER, AUTO_CONFIRM, at(Duration.ofDays(10)), 0));
    }

    @Test
    void completion_ends_the_receipt_timer_and_opens_both_windows() {
        shipped(at(Duration.ofDays(10)));
        commit();
        projection.on(new OrderReceiptConfirmed(ORDER, at(Duration.ofDays(2)), false, at(Duration.ofDays(17)),
                at(Duration.ofDays(17))));
        assertThat(rows()).containsExactlyInAnyOrder(new Due(ORDER, REVIEW_WINDOW, at(Duration.ofDays(17)), 0),
                new Due(ORDER, AFTER_SALES_WINDOW, at(Duration.ofDays(17)), 0));
        DueBook.Changes changes = commit();
        assertThat(changes.deletes()).containsExactly(new DueBook.Key(ORDER, AUTO_CONFIRM));
        assertThat(changes.inserts()).hasSize(2);
    }

    @Test
    void a_review_ends_the_review_window_and_the_after_sales_window_ends_on_its_own() {
        projection.on(new OrderReceiptConfirmed(ORDER, T0, true, at(Duration.ofDays(15)), at(Duration.ofDays(15))));
        projection.on(new OrderReviewed(ORDER, 5, "ok", T0));
        assertThat(rows()).containsExactly(new Due(ORDER, AFTER_SALES_WINDOW, at(Duration.ofDays(15)), 0));
        projection.on(new AfterSalesWindowClosed(ORDER, at(Duration.ofDays(15))));
        assertThat(rows()).isEmpty();
    }

    @Test
    void the_closed_review_window_is_gone() {
        projection.on(new OrderReceiptConfirmed(ORDER, T0, true, at(Duration.ofDays(15)), at(Duration.ofDays(15))));
        projection.on(new ReviewWindowClosed(ORDER, at(Duration.ofDays(15))));
        assertThat(rows()).containsExactly(new Due(ORDER, AFTER_SALES_WINDOW, at(Duration.ofDays(15)), 0));
    }

    @Test
    void a_closed_order_keeps_no_timer() {
        shipped(at(Duration.ofDays(10)));
        opened("r1");
        projection.on(new OrderClosed(ORDER, T0));
        assertThat(rows()).isEmpty();
    }

    @Test
    void a_row_written_back_unchanged_is_not_written() {
        shipped(at(Duration.ofDays(10)));
        commit();
        opened("r1");
        ended("r1", at(Duration.ofDays(1)), null);
        assertThat(commit().isEmpty()).isTrue();
    }
}
