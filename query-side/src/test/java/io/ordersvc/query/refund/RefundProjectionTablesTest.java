package io.ordersvc.query.refund;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundEvent;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundEvent.RefundRefused;
import io.ordersvc.shared.refund.RefundEvent.ReturnRequested;
import io.ordersvc.shared.refund.RefundEvent.ReturnShipped;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** refund_view and refund_log_entry, fed events and read with JDBC: no application context. */
class RefundProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    static ReadModelDatabase db;
    static RefundProjection projection;

    final String refundId = UUID.randomUUID().toString();

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_refunds_test");
        projection = new RefundProjection(db.jdbc);
    }

    void feed(RefundEvent event, long sequence, String role) {
        db.batch(() -> projection.on(event, sequence, T0.plusSeconds(sequence), role + "-1", role));
    }

    RefundApplied applied() {
        return new RefundApplied(refundId, "order-1", "20260304050607000000", "line-1", "Jacket", "buyer-1", "shop-r",
                RefundType.RETURN_AND_REFUND, true, RefundReason.QUALITY_ISSUE, Money.of("80.00"), "seam",
                List.of("https://img.example.com/a.jpg"), T0);
    }

    @Test
    void the_return_flow_writes_the_row_and_one_log_entry_per_event() {
        feed(applied(), 0, "buyer");
        feed(new ReturnRequested(refundId, "Shanghai", T0.plusSeconds(1)), 1, "seller");
        feed(new ReturnShipped(refundId, "SF", "顺丰", "SF9", T0.plusSeconds(2)), 2, "buyer");
        feed(new RefundCompleted(refundId, Money.of("80.00"), T0.plusSeconds(3)), 3, "seller");

        var row = db.row("SELECT status, return_address, return_tracking_no, amount, version, evidence_urls"
                + " FROM refund_view WHERE refund_id = ?", refundId);
        assertThat(row.get("status")).isEqualTo("refunded");
        assertThat(row.get("return_address")).isEqualTo("Shanghai");
        assertThat(row.get("return_tracking_no")).isEqualTo("SF9");
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("80.00");
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(3);
        assertThat(row.get("evidence_urls")).isEqualTo("[\"https://img.example.com/a.jpg\"]");
        assertThat(db.jdbc.queryForList("SELECT action || '/' || actor_role || '/' || status_after FROM"
                + " refund_log_entry WHERE refund_id = ? ORDER BY sequence", String.class, refundId))
                .containsExactly("applied/buyer/applied", "approved/seller/awaiting_return",
                        "return_shipped/buyer/return_shipped", "refunded/seller/refunded");
    }

    @Test
    void replayed_events_change_nothing() {
        feed(applied(), 0, "buyer");
        feed(new RefundRefused(refundId, "used", T0.plusSeconds(1)), 1, "seller");
        feed(applied(), 0, "buyer");
        feed(new RefundRefused(refundId, "other words", T0.plusSeconds(1)), 1, "seller");
        db.batch(() -> { // a batch that replays both events at once
            projection.on(applied(), 0, T0, "buyer-1", "buyer");
            projection.on(new RefundRefused(refundId, "again", T0.plusSeconds(1)), 1, T0.plusSeconds(1), "s", "seller");
        });

        var row = db.row("SELECT status, refuse_reason, version FROM refund_view WHERE refund_id = ?", refundId);
        assertThat(row.get("status")).isEqualTo("refused");
        assertThat(row.get("refuse_reason")).isEqualTo("used");
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(1);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM refund_log_entry WHERE refund_id = ?", Long.class,
                refundId)).isEqualTo(2);
    }

    @Test
    void a_reset_empties_both_tables() {
        feed(applied(), 0, "buyer");
        db.batch(projection::reset);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM refund_view", Long.class)).isZero();
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM refund_log_entry", Long.class)).isZero();
    }
}
