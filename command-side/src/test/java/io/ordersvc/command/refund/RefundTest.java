package io.ordersvc.command.refund;

import io.ordersvc.command.refund.Refund.RefundAck;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundCommand.ShipReturn;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCancelled;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundEvent.RefundRefused;
import io.ordersvc.shared.refund.RefundEvent.ReturnRequested;
import io.ordersvc.shared.refund.RefundEvent.ReturnShipped;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundStatus;
import io.ordersvc.shared.refund.RefundType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Every transition of a refund, and every refused one. */
class RefundTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String REFUND = "refund-1";
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Actor OTHER_BUYER = new Actor("buyer-2", Role.BUYER, null);
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);

    private AggregateTestFixture<Refund> fixture;

    /** In production RefundHandler calls these together with the Order; here the refund's part alone. */
    record Cancel(Actor actor) {
    }

    record Refuse(Actor actor, String reason) {
    }

    record Approve(Actor actor, String address) {
    }

    record Confirm(Actor actor) {
    }

    static final class Steps {
        private final Repository<Refund> refunds;

        Steps(Repository<Refund> refunds) {
            this.refunds = refunds;
        }

        @CommandHandler
        RefundAck handle(Cancel c) throws Exception {
            return refunds.load(REFUND).invoke(r -> {
                r.cancel(c.actor(), NOW);
                return r.ack();
            });
        }

        @CommandHandler
        void handle(Refuse c) throws Exception {
            refunds.load(REFUND).execute(r -> r.refuse(c.actor(), c.reason(), NOW));
        }

        @CommandHandler
        boolean handle(Approve c) throws Exception {
            return refunds.load(REFUND).invoke(r -> r.approve(c.actor(), c.address(), NOW));
        }

        @CommandHandler
        void handle(Confirm c) throws Exception {
            refunds.load(REFUND).execute(r -> r.confirmReturn(c.actor(), NOW));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Refund.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new Steps(fixture.getRepository()));
    }

    static RefundApplied applied(RefundType type) {
        return new RefundApplied(REFUND, "order-1", "20261122100000000000", "line-1", "Jacket", "buyer-1", "shop-1",
                type, type == RefundType.RETURN_AND_REFUND, RefundReason.QUALITY_ISSUE, Money.of("80.00"), "note",
                List.of(), NOW);
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static final ReturnRequested RETURN_REQUESTED = new ReturnRequested(REFUND, "Shanghai", NOW);
    static final ReturnShipped RETURN_SHIPPED = new ReturnShipped(REFUND, "SF", "顺丰", "SF1", NOW);

    @Test
    void approving_a_refund_only_refunds_at_once() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Approve(SELLER, null))
                .expectEvents(new RefundCompleted(REFUND, Money.of("80.00"), NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void approving_a_return_asks_for_the_goods_at_the_sellers_address() {
        fixture.given(applied(RefundType.RETURN_AND_REFUND)).when(new Approve(ADMIN, "Shanghai"))
                .expectEvents(RETURN_REQUESTED).expectResultMessagePayload(false);
    }

    @Test
    void a_return_cannot_be_approved_without_an_address() {
        fixture.given(applied(RefundType.RETURN_AND_REFUND)).when(new Approve(SELLER, " "))
                .expectNoEvents().expectException(refusal("RETURN_ADDRESS_REQUIRED"));
    }

    @Test
    void the_buyer_ships_the_return_and_the_seller_confirms_it() {
        fixture.given(applied(RefundType.RETURN_AND_REFUND), RETURN_REQUESTED)
                .when(new ShipReturn(REFUND, "SF", "顺丰", "SF1", BUYER))
                .expectEvents(RETURN_SHIPPED)
                .expectResultMessagePayload(new RefundAck(REFUND, RefundStatus.RETURN_SHIPPED, 2));
        fixture.given(applied(RefundType.RETURN_AND_REFUND), RETURN_REQUESTED, RETURN_SHIPPED)
                .when(new Confirm(SELLER))
                .expectEvents(new RefundCompleted(REFUND, Money.of("80.00"), NOW));
    }

    @Test
    void confirming_before_the_goods_were_shipped_is_refused() {
        fixture.given(applied(RefundType.RETURN_AND_REFUND), RETURN_REQUESTED).when(new Confirm(SELLER))
                .expectNoEvents().expectException(refusal("RETURN_NOT_SHIPPED"));
    }

    @Test
    void shipping_a_return_that_was_not_approved_is_refused() {
        fixture.given(applied(RefundType.RETURN_AND_REFUND)).when(new ShipReturn(REFUND, "SF", "顺丰", "1", BUYER))
                .expectNoEvents().expectException(refusal("REFUND_NOT_AWAITING_RETURN"));
    }

    @Test
    void the_seller_refuses_with_a_reason() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Refuse(SELLER, "no defect"))
                .expectEvents(new RefundRefused(REFUND, "no defect", NOW));
    }

    @Test
    void the_buyer_withdraws_an_open_application() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Cancel(BUYER))
                .expectEvents(new RefundCancelled(REFUND, NOW))
                .expectResultMessagePayload(new RefundAck(REFUND, RefundStatus.CANCELLED, 1));
    }

    @Test
    void a_refused_refund_cannot_be_withdrawn() {
        fixture.given(applied(RefundType.REFUND_ONLY), new RefundRefused(REFUND, "no", NOW)).when(new Cancel(BUYER))
                .expectNoEvents().expectException(refusal("REFUND_NOT_CANCELLABLE"));
    }

    @Test
    void a_refused_refund_cannot_be_approved() {
        fixture.given(applied(RefundType.REFUND_ONLY), new RefundRefused(REFUND, "no", NOW))
                .when(new Approve(SELLER, null))
                .expectNoEvents().expectException(refusal("REFUND_NOT_APPROVABLE"));
    }

    @Test
    void a_completed_refund_cannot_be_refused() {
        fixture.given(applied(RefundType.REFUND_ONLY), new RefundCompleted(REFUND, Money.of("80.00"), NOW))
                .when(new Refuse(SELLER, "late")).expectNoEvents().expectException(refusal("REFUND_NOT_REFUSABLE"));
    }

    @Test
    void an_approved_return_cannot_be_withdrawn() {
        fixture.given(applied(RefundType.RETURN_AND_REFUND), RETURN_REQUESTED).when(new Cancel(BUYER))
                .expectNoEvents().expectException(refusal("REFUND_NOT_CANCELLABLE"));
    }

    @Test
    void the_buyer_may_not_approve() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Approve(BUYER, null))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void the_seller_may_not_withdraw() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Cancel(SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void another_buyer_does_not_see_the_refund() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Cancel(OTHER_BUYER))
                .expectNoEvents().expectException(refusal("REFUND_NOT_FOUND"));
    }

    @Test
    void another_shops_seller_does_not_see_the_refund() {
        fixture.given(applied(RefundType.REFUND_ONLY)).when(new Refuse(OTHER_SELLER, "x"))
                .expectNoEvents().expectException(refusal("REFUND_NOT_FOUND"));
    }

    // ---- the payout through the channel

    static final Actor PAYOUTS = Actor.system("payouts");
    static final String PAYOUT = "Rrefund1";
    static final io.ordersvc.shared.refund.RefundEvent.RefundPayoutStarted STARTED =
            new io.ordersvc.shared.refund.RefundEvent.RefundPayoutStarted(REFUND, "order-1", "20261122100000000001",
                    "Rrefund-1".replace("-", ""), io.ordersvc.shared.order.PaymentChannel.ALIPAY_APP, "T1",
                    Money.of("80.00"), NOW);

    static Object[] refunding() {
        return new Object[]{applied(RefundType.REFUND_ONLY), new RefundCompleted(REFUND, Money.of("80.00"), NOW),
                STARTED};
    }

    @Test
    void a_confirmed_payout_makes_the_refund_refunded_once() {
        var confirm = new io.ordersvc.shared.refund.RefundCommand.ConfirmPayout(REFUND, PAYOUT, "T1/R", 3, PAYOUTS);
        fixture.given(refunding()).when(confirm).expectEvents(
                new io.ordersvc.shared.refund.RefundEvent.RefundPayoutSucceeded(REFUND, PAYOUT, "T1/R", 3, NOW))
                .expectResultMessagePayloadMatching(Matchers.predicate(a -> ((RefundAck) a).status()
                        == RefundStatus.REFUNDED));
        fixture.given(refunding()).andGiven(new io.ordersvc.shared.refund.RefundEvent.RefundPayoutSucceeded(REFUND,
                PAYOUT, "T1/R", 3, NOW)).when(confirm).expectNoEvents();
    }

    @Test
    void a_failed_payout_keeps_the_refund_refunding_and_only_an_admin_retries_it() {
        var failed = new io.ordersvc.shared.refund.RefundEvent.RefundPayoutFailed(REFUND, PAYOUT, "refused", 1, NOW);
        fixture.given(refunding()).when(new io.ordersvc.shared.refund.RefundCommand.FailPayout(REFUND, PAYOUT,
                "refused", 1, PAYOUTS)).expectEvents(failed).expectResultMessagePayloadMatching(Matchers.predicate(
                a -> ((RefundAck) a).status() == RefundStatus.REFUNDING));
        fixture.given(refunding()).andGiven(failed).when(new io.ordersvc.shared.refund.RefundCommand.RetryPayout(
                REFUND, BUYER)).expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.given(refunding()).andGiven(failed).when(new io.ordersvc.shared.refund.RefundCommand.RetryPayout(
                REFUND, ADMIN)).expectEvents(new io.ordersvc.shared.refund.RefundEvent.RefundPayoutRetried(REFUND,
                PAYOUT, "admin", NOW));
    }

    @Test
    void a_payout_that_did_not_fail_is_not_retried_and_only_the_payout_process_confirms() {
        fixture.given(refunding()).when(new io.ordersvc.shared.refund.RefundCommand.RetryPayout(REFUND, ADMIN))
                .expectNoEvents().expectException(refusal("PAYOUT_NOT_FAILED"));
        fixture.given(refunding()).when(new io.ordersvc.shared.refund.RefundCommand.ConfirmPayout(REFUND, PAYOUT,
                "x", 1, ADMIN)).expectNoEvents().expectException(refusal("FORBIDDEN"));
    }
}
