package io.ordersvc.query.order;

import io.ordersvc.shared.order.OrderViews.StatusCounts;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * order_count: how many orders are in each status and carry each flag, over all orders. Changes are summed per
 * event batch and written once, just before the batch commits, in the same transaction as order_view and in counter
 * order, so two segments' batches touching the same counters wait for each other briefly but never deadlock.
 */
@Component
class OrderCounters {

    private static final String REVIEW_PENDING = "review_pending";
    private static final String REFUND_IN_PROGRESS = "refund_in_progress";
    private static final String PENDING = OrderCounters.class.getName();

    private final JdbcTemplate jdbc;

    OrderCounters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static String status(String status) {
        return "status:" + status;
    }

    void placed(OrderViewEntity o) {
        add(status(o.status), 1);
    }

    /** Compares an order before and after an event and counts the difference. */
    void changed(String statusBefore, boolean reviewBefore, boolean refundBefore, OrderViewEntity after) {
        if (!statusBefore.equals(after.status)) {
            add(status(statusBefore), -1);
            add(status(after.status), 1);
        }
        if (reviewBefore != after.reviewPending) {
            add(REVIEW_PENDING, after.reviewPending ? 1 : -1);
        }
        if (refundBefore != after.refundInProgress) {
            add(REFUND_IN_PROGRESS, after.refundInProgress ? 1 : -1);
        }
    }

    private void add(String counter, long delta) {
        if (!CurrentUnitOfWork.isStarted()) {
            apply(Map.of(counter, delta));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, Long> pending = batch.getOrComputeResource(PENDING, k -> {
            Map<String, Long> deltas = new TreeMap<>();
            batch.onPrepareCommit(u -> apply(deltas));
            return deltas;
        });
        pending.merge(counter, delta, Long::sum);
    }

    /** A counter a batch touched exists afterwards even if its changes cancelled out: any batching, same rows. */
    private void apply(Map<String, Long> deltas) {
        deltas.forEach((counter, delta) -> {
            if (jdbc.update("UPDATE order_count SET n = n + ? WHERE counter = ?", delta, counter) == 0) {
                jdbc.update("INSERT INTO order_count (counter, n) VALUES (?, ?)", counter, delta);
            }
        });
    }

    /** Every order, as the projection counted them: no scan of order_view. */
    StatusCounts totals() {
        Map<String, Long> c = new HashMap<>();
        jdbc.query("SELECT counter, n FROM order_count", rs -> {
            c.put(rs.getString(1), rs.getLong(2));
        });
        long all = c.entrySet().stream().filter(e -> e.getKey().startsWith("status:"))
                .mapToLong(Map.Entry::getValue).sum();
        return new StatusCounts(all, c.getOrDefault(status("pending_payment"), 0L),
                c.getOrDefault(status("to_ship"), 0L), c.getOrDefault(status("shipped"), 0L),
                c.getOrDefault(status("completed"), 0L), c.getOrDefault(REVIEW_PENDING, 0L),
                c.getOrDefault(status("cancelled"), 0L), c.getOrDefault(status("closed"), 0L),
                c.getOrDefault(REFUND_IN_PROGRESS, 0L));
    }

    void reset() {
        jdbc.update("DELETE FROM order_count");
    }
}
