package io.ordersvc.command.payment;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
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

/** payout and payment_trade in plain JDBC: the payouts handler's writes, the sweep's claims and outcomes. */
@Component
class PayoutTable {

    /** A payout to make: what the channel is asked, and how often it was asked before. */
    record Due(String payoutId, Kind kind, String refundId, String orderId, String payNo, PaymentChannel channel,
               String tradeNo, Money amount, Money tradeAmount, int attempts) {
    }

    enum Kind { REFUND, PAYBACK }

    private static final String DUE = " FROM payout WHERE failed = FALSE AND due_at <= ? AND (claimed_until IS NULL"
            + " OR claimed_until <= ?)";
    private static final String COLUMNS = "payout_id, kind, refund_id, order_id, pay_no, channel, trade_no, amount,"
            + " attempts";
    private static final RowMapper<Due> ROW = (rs, i) -> new Due(rs.getString(1),
            Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getString(3), rs.getString(4),
            rs.getString(5), PaymentChannel.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), rs.getString(7),
            Money.of(rs.getBigDecimal(8)), null, rs.getInt(9));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    PayoutTable(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Once per trade, in one statement. */
    void trade(PaymentChannel channel, String tradeNo, String payNo, Money amount) {
        jdbc.update("INSERT INTO payment_trade (channel, trade_no, pay_no, amount) SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM payment_trade WHERE channel = ? AND trade_no = ?)", channel.value(), tradeNo,
                payNo, amount.amount(), channel.value(), tradeNo);
    }

    void add(String payoutId, Kind kind, String refundId, String orderId, String payNo, PaymentChannel channel,
             String tradeNo, Money amount, Instant dueAt) {
        jdbc.update("INSERT INTO payout (payout_id, kind, refund_id, order_id, pay_no, channel, trade_no, amount,"
                        + " due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", payoutId,
                kind.name().toLowerCase(Locale.ROOT), refundId, orderId, payNo, channel.value(), tradeNo,
                amount.amount(), timestamp(dueAt));
    }

    /** An admin's retry: due now, from the first attempt. */
    void retry(String payoutId, Instant now) {
        jdbc.update("UPDATE payout SET failed = FALSE, attempts = 0, due_at = ?, claimed_until = NULL,"
                + " last_error = NULL WHERE payout_id = ?", timestamp(now), payoutId);
    }

    /** Takes up to {@code limit} due payouts, oldest first; rows another sweep holds are skipped. */
    List<Due> claim(Instant now, Instant until, int limit) {
        if (jdbc.queryForList("SELECT payout_id" + DUE + " FETCH FIRST 1 ROWS ONLY", String.class,
                timestamp(now), timestamp(now)).isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> {
            List<Due> due = jdbc.query("SELECT " + COLUMNS + DUE + " ORDER BY due_at FETCH FIRST " + limit
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED", ROW, timestamp(now), timestamp(now));
            due.forEach(d -> jdbc.update("UPDATE payout SET claimed_until = ? WHERE payout_id = ?",
                    timestamp(until), d.payoutId()));
            return due.stream().map(d -> new Due(d.payoutId(), d.kind(), d.refundId(), d.orderId(), d.payNo(),
                    d.channel(), d.tradeNo(), d.amount(), jdbc.query("SELECT amount FROM payment_trade WHERE"
                    + " channel = ? AND trade_no = ?", (rs, i) -> Money.of(rs.getBigDecimal(1)), d.channel().value(),
                    d.tradeNo()).stream().findFirst().orElse(null), d.attempts())).toList();
        });
    }

    void done(String payoutId) {
        jdbc.update("DELETE FROM payout WHERE payout_id = ?", payoutId);
    }

    void later(String payoutId, int attempts, Instant dueAt, String error) {
        jdbc.update("UPDATE payout SET attempts = ?, due_at = ?, claimed_until = NULL, last_error = ?"
                + " WHERE payout_id = ?", attempts, timestamp(dueAt), cut(error), payoutId);
    }

    void failed(String payoutId, int attempts, String error) {
        jdbc.update("UPDATE payout SET failed = TRUE, attempts = ?, claimed_until = NULL, last_error = ?"
                + " WHERE payout_id = ?", attempts, cut(error), payoutId);
    }

    private static String cut(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    private static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
