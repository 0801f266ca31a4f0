package io.ordersvc.command.wallet;

import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.coupon.CouponType;
import io.ordersvc.shared.coupon.CouponValidity;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.SettlePoints;
import io.ordersvc.shared.wallet.WalletEvent.CouponLocked;
import io.ordersvc.shared.wallet.WalletEvent.CouponReceived;
import io.ordersvc.shared.wallet.WalletEvent.CouponReleased;
import io.ordersvc.shared.wallet.WalletEvent.CouponUsed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The coupons a buyer's wallet holds: received within the limit, locked by orders, released, used once. */
class WalletCouponTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final String WALLET = WalletCommand.walletId("b-1");
    static final Actor SYSTEM = Actor.system("order-points");
    static final CouponTerms TERMS = new CouponTerms("shop-1", CouponType.AMOUNT, Money.of("20.00"), null,
            Money.of("100.00"), null, null, null);
    static final CouponValidity.Window WINDOW = new CouponValidity.Window(NOW, NOW.plus(7, ChronoUnit.DAYS));

    record Receive(String couponId, int limit) {
    }

    record Lock(String couponId, List<String> orderIds) {
    }

    record GiveBack(String orderId) {
    }

    static final class Handler {
        private final Wallets wallets;

        Handler(Wallets wallets) {
            this.wallets = wallets;
        }

        @CommandHandler
        void handle(Receive c, Clock clock) {
            wallets.receiveCoupon("b-1", c.couponId(), "t-1", "满100减20", TERMS, WINDOW, "claim", c.limit(),
                    clock.instant());
        }

        @CommandHandler
        void handle(Lock c, Clock clock) {
            wallets.take("b-1", List.of(), null, new Wallets.CouponTake(c.couponId(), c.orderIds(),
                    Money.of("20.00")), clock.instant());
        }

        @CommandHandler
        void handle(GiveBack c, Clock clock) {
            wallets.giveBack("b-1", c.orderId(), "order_cancelled", clock.instant());
        }
    }

    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new Handler(new Wallets(fixture.getRepository(),
                new GiftCards(null, null))));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static CouponReceived received(String couponId) {
        return new CouponReceived("b-1", couponId, "t-1", "满100减20", TERMS, WINDOW.useFrom(), WINDOW.useUntil(),
                "claim", NOW);
    }

    static CouponLocked locked(String couponId, String... orders) {
        return new CouponLocked("b-1", couponId, List.of(orders), Money.of("20.00"), NOW);
    }

    @Test
    void a_buyer_receives_coupons_of_a_template_up_to_its_limit_used_ones_counted() {
        fixture.givenNoPriorActivity().when(new Receive("c-1", 2)).expectEvents(received("c-1"));
        fixture.given(received("c-1")).when(new Receive("c-2", 2)).expectEvents(received("c-2"));
        fixture.given(received("c-1"), received("c-2")).when(new Receive("c-3", 2))
                .expectNoEvents().expectException(refusal("COUPON_LIMIT_REACHED"));
        fixture.given(received("c-1"), locked("c-1", "o-1"), new CouponUsed("b-1", "c-1", "o-1", NOW))
                .when(new Receive("c-2", 1)).expectNoEvents().expectException(refusal("COUPON_LIMIT_REACHED"));
    }

    @Test
    void a_coupon_is_locked_by_one_checkout_at_a_time_and_only_if_held() {
        fixture.given(received("c-1")).when(new Lock("c-1", List.of("o-1", "o-2")))
                .expectEvents(locked("c-1", "o-1", "o-2"));
        fixture.given(received("c-1"), locked("c-1", "o-1")).when(new Lock("c-1", List.of("o-2")))
                .expectNoEvents().expectException(refusal("COUPON_UNUSABLE"));
        fixture.givenNoPriorActivity().when(new Lock("c-9", List.of("o-1")))
                .expectNoEvents().expectException(refusal("COUPON_NOT_FOUND"));
        fixture.given(received("c-1"), locked("c-1", "o-1"), new CouponUsed("b-1", "c-1", "o-1", NOW))
                .when(new Lock("c-1", List.of("o-2"))).expectNoEvents().expectException(refusal("COUPON_NOT_FOUND"));
    }

    @Test
    void cancelling_every_order_that_holds_it_releases_it_and_a_release_happens_once() {
        fixture.given(received("c-1"), locked("c-1", "o-1", "o-2")).when(new GiveBack("o-1"))
                .expectEvents(new CouponReleased("b-1", "c-1", "o-1", List.of("o-2"), "order_cancelled", NOW));
        fixture.given(received("c-1"), locked("c-1", "o-1", "o-2"),
                        new CouponReleased("b-1", "c-1", "o-1", List.of("o-2"), "order_cancelled", NOW))
                .when(new GiveBack("o-2"))
                .expectEvents(new CouponReleased("b-1", "c-1", "o-2", List.of(), "order_cancelled", NOW));
        fixture.given(received("c-1"), locked("c-1", "o-1"),
                        new CouponReleased("b-1", "c-1", "o-1", List.of(), "order_cancelled", NOW))
                .when(new GiveBack("o-1")).expectNoEvents();
    }

    @Test
    void paying_an_order_that_holds_it_uses_it_for_good() {
        fixture.given(received("c-1"), locked("c-1", "o-1", "o-2"))
                .when(new SettlePoints(WALLET, "b-1", "o-2", SYSTEM))
                .expectEvents(new CouponUsed("b-1", "c-1", "o-2", NOW));
        fixture.given(received("c-1"), locked("c-1", "o-1", "o-2"), new CouponUsed("b-1", "c-1", "o-2", NOW))
                .when(new GiveBack("o-1")).expectNoEvents();
        fixture.given(received("c-1"), locked("c-1", "o-1"), new CouponUsed("b-1", "c-1", "o-1", NOW))
                .when(new SettlePoints(WALLET, "b-1", "o-1", SYSTEM)).expectNoEvents();
    }
}
