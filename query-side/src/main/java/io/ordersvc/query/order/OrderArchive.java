package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.platform.schema.Databases;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.query.support.ReadModelsSwapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Moves orders finished more than {@code orders.archive.after} (ORDERS_ARCHIVE_AFTER, 90 days) ago out of the hot
 * tables: a row in order_history for the history list, and their order_view, line, log and receiver token rows
 * gone, so the hot list and its indexes hold recent business only. Their detail is then folded from their events
 * ({@link OrderFold}); shipments and carrier traces stay (small, and the tracking page reads them).
 * <p>
 * Every few minutes, in batches of {@value #BATCH}, each in its own transaction. On PostgreSQL the batch's rows are
 * claimed {@code FOR UPDATE SKIP LOCKED}: two instances sweep different orders, and an order the projection is
 * writing is left for the next sweep. The status counters lose the archived orders in the same transaction.
 */
@Component
class OrderArchive {

    private static final Logger log = LoggerFactory.getLogger(OrderArchive.class);
    static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OrderCounters counters;
    private final Clock clock;
    private final Duration after;
    private final BooleanSupplier postgres;
    private final Mapping<OrderViewEntity> rows = Mapping.of(OrderViewEntity.class);
    private final String select;

    OrderArchive(JdbcTemplate jdbc, TransactionTemplate transactions, OrderCounters counters, Clock clock,
                 @Value("${orders.archive.after:90d}") Duration after) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.counters = counters;
        this.clock = clock;
        this.after = after;
        this.postgres = Databases.postgres(jdbc);
        this.select = "SELECT " + String.join(", ", rows.columns()) + " FROM order_view WHERE finished_at < ?"
                + " ORDER BY finished_at FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE";
    }

    @Scheduled(initialDelayString = "${orders.archive.every:10m}", fixedDelayString = "${orders.archive.every:10m}")
    void scheduled() {
        try {
            int archived = sweep();
            if (archived > 0) {
                log.info("archived {} orders finished before {}", archived, clock.instant().minus(after));
            }
        } catch (RuntimeException e) {
            log.warn("order archive failed, will retry: {}", e.toString());
        }
    }

    /** A rebuild of the orders brought archived orders back into order_view: they leave it again at once. */
    @org.springframework.context.event.EventListener
    void rebuilt(ReadModelsSwapped swapped) {
        if (ProcessingGroups.ORDERS.equals(swapped.processor())) {
            scheduled();
        }
    }

    /** Archives every order finished before the cut-off (ORDERS_ARCHIVE_AFTER ago), batch by batch; how many. */
    int sweep() {
        return sweep(clock.instant().minus(after));
    }

    int sweep(Instant cutoff) {
        int total = 0;
        int claimed;
        do {
            int[] batch = transactions.execute(status -> batch(cutoff));
            claimed = batch[0];
            total += batch[1];
        } while (claimed == BATCH);
        return total;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One batch in its transaction: how many orders it claimed, and how many it archived. */
    private int[] batch(Instant cutoff) {
        List<OrderViewEntity> claimed = jdbc.query(select + (postgres.getAsBoolean() ? " SKIP LOCKED" : ""),
                (rs, i) -> rows.reader().read(rs), utc(cutoff));
        if (claimed.isEmpty()) {
            return new int[]{0, 0};
        }
        // Only the rows this transaction removed count: a sweep that waited for another's lock finds them gone.
        int[] deleted = jdbc.batchUpdate("DELETE FROM order_view WHERE order_id = ?",
                claimed.stream().map(o -> new Object[]{o.orderId}).toList());
        List<OrderViewEntity> finished = new ArrayList<>();
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i] != 0) {
                finished.add(claimed.get(i));
            }
        }
        if (finished.isEmpty()) {
            return new int[]{claimed.size(), 0};
        }
        List<String> ids = finished.stream().map(o -> o.orderId).toList();
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(", ", "(", ")"));
        Map<String, List<String>> names = new HashMap<>();
        jdbc.query("SELECT order_id, product_name FROM order_line_view WHERE order_id IN " + in
                        + " ORDER BY order_id, position",
                rs -> {
                    names.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, ids.toArray());
        Instant now = clock.instant();
        jdbc.batchUpdate("INSERT INTO order_history (order_id, order_no, buyer_id, shop_id, status, created_at,"
                        + " pay_amount, pay_channel, goods_names, finished_at, archived_at, deleted_by_buyer)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                finished.stream().map(o -> new Object[]{o.orderId, o.orderNo, o.buyerId, o.shopId, o.status,
                        utc(o.createdAt), o.payAmount, o.payChannel,
                        String.join("\n", names.getOrDefault(o.orderId, List.of())), utc(o.finishedAt),
                        utc(now), o.deletedByBuyer}).toList());
        Object[] args = ids.toArray();
        jdbc.update("DELETE FROM order_log_entry WHERE order_id IN " + in, args);
        jdbc.update("DELETE FROM order_line_view WHERE order_id IN " + in, args);
        jdbc.update("DELETE FROM order_receiver_token WHERE order_id IN " + in, args);
        jdbc.update("DELETE FROM order_search WHERE order_id IN " + in, args);
        counters.archived(finished);
        return new int[]{claimed.size(), finished.size()};
    }
}
