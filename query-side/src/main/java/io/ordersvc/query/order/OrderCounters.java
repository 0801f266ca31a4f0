package io.ordersvc.query.order;

import io.ordersvc.platform.axon.DeferredWrites;
import io.ordersvc.platform.schema.Databases;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderViews.StatusCounts;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * order_count: how many orders are in each status and carry each flag, over all orders. Changes are summed per
 * event batch and written once, just before the batch commits, in the same transaction as order_view. Each segment
 * of the processor writes its own rows (shard = segment id), so segments never wait for each other's counter locks;
 * a counter is the sum of its shards.
 */
@Component
class OrderCounters implements OrderCounts {

    private static final String REVIEW_PENDING = "review_pending";
    private static final String REFUND_IN_PROGRESS = "refund_in_progress";
    /**
     * Orders to ship whose waybill is printed: not_printed (seed 001 is_print) is to_ship less these, so paying and
     * shipping an order nobody printed touch no counter of their own.
     */
    private static final String PRINTED_TO_SHIP = "printed_to_ship";
    private static final String PENDING = OrderCounters.class.getName();
    /** Where Axon's pooled and tracking processors put the segment of the batch in the unit of work's resources. */
    private static final String SEGMENT = "Processor[" + OrderProjection.GROUP + "]/SegmentId";

    /** The archive's own shard: processor segments are numbered from 0. */
    private static final int ARCHIVE_SHARD = -1;

    private final JdbcTemplate jdbc;
    private final BooleanSupplier postgres;

    OrderCounters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = Databases.postgres(jdbc);
    }

    private static String status(String status) {
        return "status:" + status;
    }

    @Override
    public void placed(OrderViewEntity o) {
        add(status(o.status), 1);
        if (printedToShip(o.status, o.printed)) {
            add(PRINTED_TO_SHIP, 1);
        }
    }

    private static boolean printedToShip(String status, boolean printed) {
        return printed && OrderStatus.TO_SHIP.value().equals(status);
    }

    @Override
    public void changed(String statusBefore, boolean reviewBefore, boolean refundBefore, boolean printedBefore,
                 OrderViewEntity after) {
        boolean wasPrintedToShip = printedToShip(statusBefore, printedBefore);
        if (wasPrintedToShip != printedToShip(after.status, after.printed)) {
            add(PRINTED_TO_SHIP, wasPrintedToShip ? -1 : 1);
        }
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
            apply(Map.of(counter, delta), 0);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, Long> pending = batch.getOrComputeResource(PENDING, k -> {
            Map<String, Long> deltas = new TreeMap<>();
            int shard = batch.resources().get(SEGMENT) instanceof Integer segment ? segment : 0;
            batch.onPrepareCommit(u -> apply(deltas, shard));
            return deltas;
        });
        pending.merge(counter, delta, Long::sum);
    }

    /**
     * A counter a batch touched exists afterwards even if its changes cancelled out: any batching, same rows. The
     * batch's counters go in one statement on PostgreSQL, elsewhere in one JDBC batch (one round trip: each is a
     * wait for two busy cores, bench/README.md, session 19). Should two transactions find a shard's row missing (a
     * segment handed over mid-batch), PostgreSQL's upsert adds to the row the other inserted; elsewhere the second
     * INSERT does nothing and its UPDATE runs after all.
     */
    private void apply(Map<String, Long> deltas, int shard) {
        if (deltas.isEmpty()) {
            return;
        }
        if (postgres.getAsBoolean()) {
            // One statement for all of the batch's counters, a missing row inserted in the same go: as a JDBC batch
            // each counter was a statement (half a statement per command, bench/README.md, session 23). The
            // counters come sorted, so two transactions lock the rows of a shard in one order.
            // In a projection's batch it goes with the commit (DeferredWrites).
            String upsert = "INSERT INTO order_count (counter, shard, n) SELECT v.counter, ?, v.n"
                    + " FROM unnest(?::varchar[], ?::bigint[]) AS v(counter, n)"
                    + " ON CONFLICT (counter, shard) DO UPDATE SET n = order_count.n + EXCLUDED.n";
            Object[] counters = deltas.keySet().toArray();
            Object[] values = deltas.values().toArray();
            DeferredWrites.write(jdbc, upsert, 3, (ps, c, first) -> {
                ps.setInt(first, shard);
                ps.setArray(first + 1, c.createArrayOf("varchar", counters));
                ps.setArray(first + 2, c.createArrayOf("bigint", values));
            });
            return;
        }
        String add = "UPDATE order_count SET n = n + ? WHERE counter = ? AND shard = ?";
        List<Object[]> rows = deltas.entrySet().stream()
                .map(e -> new Object[]{e.getValue(), e.getKey(), shard}).toList();
        int[] updated = jdbc.batchUpdate(add, rows);
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            if (updated[i] == 0
                    && jdbc.update("INSERT INTO order_count (counter, shard, n) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    row[1], shard, row[0]) == 0) {
                jdbc.update(add, row);
            }
        }
    }

    /** Archived orders leave the counts with the hot list; the archive writes its own shard. */
    void archived(java.util.Collection<OrderViewEntity> rows) {
        Map<String, Long> deltas = new TreeMap<>();
        for (OrderViewEntity o : rows) {
            deltas.merge(status(o.status), -1L, Long::sum);
            if (o.reviewPending) {
                deltas.merge(REVIEW_PENDING, -1L, Long::sum);
            }
        }
        apply(deltas, ARCHIVE_SHARD);
    }

    /** Every order, as the projection counted them: no scan of order_view. */
    StatusCounts totals() {
        Map<String, Long> c = new HashMap<>();
        jdbc.query("SELECT counter, sum(n) FROM order_count GROUP BY counter", rs -> {
            c.put(rs.getString(1), rs.getLong(2));
        });
        long all = c.entrySet().stream().filter(e -> e.getKey().startsWith("status:"))
                .mapToLong(Map.Entry::getValue).sum();
        return new StatusCounts(all, c.getOrDefault(status(OrderStatus.PENDING_PAYMENT.value()), 0L),
                c.getOrDefault(status(OrderStatus.TO_SHIP.value()), 0L), c.getOrDefault(status(OrderStatus.SHIPPED.value()), 0L),
                c.getOrDefault(status(OrderStatus.COMPLETED.value()), 0L), c.getOrDefault(REVIEW_PENDING, 0L),
                c.getOrDefault(status(OrderStatus.CANCELLED.value()), 0L), c.getOrDefault(status(OrderStatus.CLOSED.value()), 0L),
                c.getOrDefault(REFUND_IN_PROGRESS, 0L), c.getOrDefault(status(OrderStatus.TO_SHIP.value()), 0L)
                - c.getOrDefault(PRINTED_TO_SHIP, 0L));
    }

    @Override
    public void reset() {
        jdbc.update("DELETE FROM order_count");
    }
}
