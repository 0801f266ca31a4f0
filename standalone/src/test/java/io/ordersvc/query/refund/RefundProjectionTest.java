package io.ordersvc.query.refund;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundEvent;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundEvent.ReturnRequested;
import io.ordersvc.shared.refund.RefundEvent.ReturnShipped;
import io.ordersvc.shared.refund.RefundQuery;
import io.ordersvc.shared.refund.RefundQuery.RefundDetail;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundStatus;
import io.ordersvc.shared.refund.RefundType;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds refund events straight into the projection, then asks its query handlers. */
class RefundProjectionTest extends IntegrationTest {

    static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    @Autowired
    RefundProjection projection;
    @Autowired
    io.ordersvc.query.refund.RefundQueries refunds;
    @Autowired
    TransactionTemplate tx;

    String refundId = UUID.randomUUID().toString();
    String orderId = UUID.randomUUID().toString();
    String buyer = "refund-projection-" + refundId.substring(0, 8);

    void feed(RefundEvent event, long sequence, String role) {
        tx.executeWithoutResult(s -> projection.on(event, sequence, T0.plusSeconds(sequence), role + "-1", role));
    }

    RefundApplied applied() {
        return new RefundApplied(refundId, orderId, "20260304050607000000", UUID.randomUUID().toString(), "Jacket",
                buyer, "shop-r", RefundType.RETURN_AND_REFUND, true, RefundReason.QUALITY_ISSUE, Money.of("80.00"),
                "seam", List.of("https://img.example.com/a.jpg"), T0);
    }

    RefundDetail detail() {
        return refunds.handle(new RefundQuery.FindRefund(refundId, new Actor(buyer, Role.BUYER, null)));
    }

    @Test
    void the_return_flow_builds_the_refund_with_its_log() {
        feed(applied(), 0, "buyer");
        feed(new ReturnRequested(refundId, "Shanghai", T0.plusSeconds(1)), 1, "seller");
        feed(new ReturnShipped(refundId, "SF", "顺丰", "SF9", T0.plusSeconds(2)), 2, "buyer");
        feed(new RefundCompleted(refundId, Money.of("80.00"), T0.plusSeconds(3)), 3, "seller");

        RefundDetail d = detail();
        assertThat(d.status()).isEqualTo(RefundStatus.REFUNDED);
        assertThat(d.returnAddress()).isEqualTo("Shanghai");
        assertThat(d.returnShipment().trackingNo()).isEqualTo("SF9");
        assertThat(d.refundedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(d.evidenceUrls()).containsExactly("https://img.example.com/a.jpg");
        assertThat(d.log()).extracting(RefundQuery.RefundLogEntry::action)
                .containsExactly("applied", "approved", "return_shipped", "refunded");
        assertThat(d.log()).extracting(RefundQuery.RefundLogEntry::actorRole)
                .containsExactly("buyer", "seller", "buyer", "seller");
        assertThat(d.version()).isEqualTo(3);
        assertThat(refunds.ofOrder(orderId)).hasSize(1);
    }

    @Test
    void replayed_events_change_nothing_and_strangers_do_not_see_the_refund() {
        feed(applied(), 0, "buyer");
        feed(new ReturnRequested(refundId, "Shanghai", T0.plusSeconds(1)), 1, "seller");
        feed(applied(), 0, "buyer");
        feed(new ReturnRequested(refundId, "Elsewhere", T0.plusSeconds(1)), 1, "seller");

        RefundDetail d = detail();
        assertThat(d.status()).isEqualTo(RefundStatus.AWAITING_RETURN);
        assertThat(d.returnAddress()).isEqualTo("Shanghai");
        assertThat(d.log()).hasSize(2);
        var page = refunds.handle(new RefundQuery.ListRefunds(null, orderId, 1, 20,
                new Actor("someone-else", Role.BUYER, null)));
        assertThat(page.total()).isZero();
        assertThat(refunds.handle(new RefundQuery.ListRefunds(RefundStatus.AWAITING_RETURN, orderId, 1, 20,
                new Actor("seller-r", Role.SELLER, "shop-r"))).total()).isEqualTo(1);
    }
}
