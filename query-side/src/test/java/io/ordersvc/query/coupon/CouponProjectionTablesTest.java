package io.ordersvc.query.coupon;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.coupon.CouponEvent.CouponCodesGenerated;
import io.ordersvc.shared.coupon.CouponEvent.CouponIssued;
import io.ordersvc.shared.coupon.CouponEvent.CouponTemplateCreated;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.coupon.CouponType;
import io.ordersvc.shared.coupon.CouponValidity;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletEvent.CouponLocked;
import io.ordersvc.shared.wallet.WalletEvent.CouponReceived;
import io.ordersvc.shared.wallet.WalletEvent.CouponReleased;
import io.ordersvc.shared.wallet.WalletEvent.CouponUsed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** coupon_template_view and coupon_view, fed events and read with JDBC: no application context. */
class CouponProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final CouponTerms TERMS = new CouponTerms("shop-1", CouponType.AMOUNT, Money.of("20.00"), null,
            Money.of("100.00"), List.of("c-1"), null, List.of(2, 3));
    static ReadModelDatabase db;
    static CouponProjection projection;

    final String template = UUID.randomUUID().toString();
    final String buyer = "buyer-" + UUID.randomUUID();
    final String first = UUID.randomUUID().toString();
    final String second = UUID.randomUUID().toString();

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_coupons_test");
        projection = new CouponProjection(db.jdbc);
    }

    CouponReceived received(String couponId) {
        return new CouponReceived(buyer, couponId, template, "满100减20", TERMS, T0, T0.plus(Duration.ofDays(7)),
                "claim", T0);
    }

    void feedAll() {
        db.batch(() -> {
            projection.on(new CouponTemplateCreated(template, "shop-1", "满100减20", TERMS, 2, 10,
                    new CouponValidity(T0, T0.plus(Duration.ofDays(1)), null, null, 7), "seller-1", T0), 0);
            projection.on(new CouponCodesGenerated(template, List.of("h1", "h2", "h3"), "seller-1", T0), 1);
            projection.on(new CouponIssued(template, first, buyer, "claim", null, T0), 2);
            projection.on(new CouponIssued(template, second, buyer, "code", "h1", T0), 3);
            projection.on(received(first), 0);
            projection.on(received(second), 1);
        });
        db.batch(() -> {
            projection.on(new CouponLocked(buyer, first, List.of("o-1", "o-2"), Money.of("20.00"), T0), 2);
            projection.on(new CouponReleased(buyer, first, "o-1", List.of("o-2"), "order_cancelled", T0), 3);
            projection.on(new CouponUsed(buyer, first, "o-2", T0), 4);
            projection.on(new CouponLocked(buyer, second, List.of("o-3"), Money.of("20.00"), T0), 5);
            projection.on(new CouponReleased(buyer, second, "o-3", List.of(), "payment_timeout", T0), 6);
        });
    }

    @Test
    void templates_count_what_they_issued_and_coupons_follow_their_orders() {
        feedAll();
        Map<String, Object> row = db.row("SELECT issued, codes, used, member_levels FROM coupon_template_view"
                + " WHERE template_id = ?", template);
        assertThat(((Number) row.get("issued")).intValue()).isEqualTo(2);
        assertThat(((Number) row.get("codes")).intValue()).as("3 generated, 1 exchanged").isEqualTo(2);
        assertThat(((Number) row.get("used")).intValue()).isEqualTo(1);
        assertThat(row.get("member_levels")).isEqualTo("[2,3]");
        assertThat(db.row("SELECT state, order_ids FROM coupon_view WHERE coupon_id = ?", first))
                .containsEntry("state", "used").containsEntry("order_ids", "o-2");
        assertThat(db.row("SELECT state, order_ids FROM coupon_view WHERE coupon_id = ?", second))
                .containsEntry("state", "usable").containsEntry("order_ids", "");
    }

    @Test
    void replayed_events_change_nothing() {
        feedAll();
        feedAll();
        Map<String, Object> row = db.row("SELECT issued, codes, used FROM coupon_template_view WHERE template_id = ?",
                template);
        assertThat(((Number) row.get("issued")).intValue()).isEqualTo(2);
        assertThat(((Number) row.get("codes")).intValue()).isEqualTo(2);
        assertThat(((Number) row.get("used")).intValue()).isEqualTo(1);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM coupon_view WHERE buyer_id = ?", Long.class, buyer))
                .isEqualTo(2);
    }
}
