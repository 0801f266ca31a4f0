package io.ordersvc.command.groupbuy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** group_task in plain JDBC: the handler's inserts, the sweep's claims and outcomes. */
@Component
class GroupTaskTable {

    enum Kind { DEADLINE, SEAT_PAID, SEAT_RELEASED, SETTLE_SUCCEEDED, SETTLE_FAILED }

    record Task(String taskId, Kind kind, String groupId, String groupBuyId, String orderId, int attempts) {
    }

    private static final String DUE = " FROM group_task WHERE due_at <= ? AND (claimed_until IS NULL"
            + " OR claimed_until <= ?)";
    private static final RowMapper<Task> ROW = (rs, i) -> new Task(rs.getString(1),
            Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    GroupTaskTable(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Once per step, in one statement. */
    void add(Kind kind, String groupId, String groupBuyId, String orderId, Instant dueAt) {
        String id = kind.name().toLowerCase(Locale.ROOT) + ":" + groupId + ":" + (orderId == null ? "" : orderId);
        jdbc.update("INSERT INTO group_task (task_id, kind, group_id, group_buy_id, order_id, due_at)"
                        + " SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM group_task WHERE task_id = ?)",
                id, kind.name().toLowerCase(Locale.ROOT), groupId, groupBuyId, orderId, timestamp(dueAt), id);
    }

    /** The group ended: its deadline has nothing left to do. */
    void dropDeadline(String groupId) {
        jdbc.update("DELETE FROM group_task WHERE task_id = ?", "deadline:" + groupId + ":");
    }

    /** Up to limit due steps, oldest first, held until {@code until}; steps another sweep holds are skipped. */
    List<Task> claim(Instant now, Instant until, int limit) {
        if (jdbc.queryForList("SELECT task_id" + DUE + " FETCH FIRST 1 ROWS ONLY", String.class, timestamp(now),
                timestamp(now)).isEmpty()) {
            return List.of(); // most sweeps find nothing: one statement outside a transaction says so
        }
        return transaction.execute(status -> {
            List<Task> due = jdbc.query("SELECT task_id, kind, group_id, group_buy_id, order_id, attempts" + DUE
                    + " ORDER BY due_at FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED", ROW,
                    timestamp(now), timestamp(now));
            if (!due.isEmpty()) {
                jdbc.batchUpdate("UPDATE group_task SET claimed_until = ? WHERE task_id = ?",
                        due.stream().map(t -> new Object[]{timestamp(until), t.taskId()}).toList());
            }
            return due;
        });
    }

    void done(String taskId) {
        jdbc.update("DELETE FROM group_task WHERE task_id = ?", taskId);
    }

    void later(String taskId, int attempts, Instant dueAt, String error) {
        jdbc.update("UPDATE group_task SET attempts = ?, due_at = ?, claimed_until = NULL, last_error = ?"
                + " WHERE task_id = ?", attempts, timestamp(dueAt), error == null ? null
                : error.substring(0, Math.min(500, error.length())), taskId);
    }

    private static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
