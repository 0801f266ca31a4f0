package io.ordersvc.command.wallet;

import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.AdjustBalance;
import io.ordersvc.shared.wallet.WalletCommand.AdjustPoints;
import io.ordersvc.shared.wallet.WalletCommand.EarnPoints;
import io.ordersvc.shared.wallet.WalletCommand.SettlePoints;
import io.ordersvc.shared.wallet.WalletEvent.BalanceAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.BalanceRefunded;
import io.ordersvc.shared.wallet.WalletEvent.BalanceReturned;
import io.ordersvc.shared.wallet.WalletEvent.BalanceSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.PointsEarned;
import io.ordersvc.shared.wallet.WalletEvent.PointsFrozen;
import io.ordersvc.shared.wallet.WalletEvent.PointsRefunded;
import io.ordersvc.shared.wallet.WalletEvent.PointsSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsUnfrozen;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class WalletTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Actor ADMIN = new Actor("admin-1", Role.ADMIN, null);
    static final Actor SYSTEM = Actor.system("points-settlement");
    static final Actor BUYER = new Actor("b-1", Role.BUYER, null);
    static final String WALLET = WalletCommand.walletId("b-1");

    private AggregateTestFixture<Wallet> fixture;

    /** Checkout and cancellation reach the wallet inside their own units of work; these commands do in isolation. */
    record Take(List<Wallets.Take> takes) {
    }

    record GiveBack(String orderId, String reason) {
    }

    record Refunded(String refundId, long points, Money balance) {
    }

    static final class Handler {
        private final Wallets wallets;

        Handler(Wallets wallets) {
            this.wallets = wallets;
        }

        @CommandHandler
        void handle(Take c, Clock clock) {
            wallets.take("b-1", c.takes(), null, null, clock.instant());
        }

        @CommandHandler
        void handle(Refunded c, Clock clock) {
            wallets.refunded("b-1", "o-1", c.refundId(), c.points(), c.balance(), Money.ZERO, clock.instant());
        }

        @CommandHandler
        void handle(GiveBack c, Clock clock) {
            wallets.giveBack("b-1", c.orderId(), c.reason(), clock.instant());
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new Handler(new Wallets(fixture.getRepository(), new GiftCards(null, null))));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static PointsAdjusted granted(long points) {
        return new PointsAdjusted("b-1", points, "grant", "admin-1", points, NOW);
    }

    static BalanceAdjusted toppedUp(String amount) {
        return new BalanceAdjusted("b-1", Money.of(amount), "top-up", "admin-1", Money.of(amount), NOW);
    }

    @Test
    void an_admin_grants_and_takes_back_points_never_below_zero() {
        fixture.givenNoPriorActivity().when(new AdjustPoints(WALLET, "b-1", 500, "双十一补偿", ADMIN))
                .expectEvents(new PointsAdjusted("b-1", 500, "双十一补偿", "admin-1", 500, NOW));
        fixture.given(granted(500)).when(new AdjustPoints(WALLET, "b-1", -200, "误发", ADMIN))
                .expectEvents(new PointsAdjusted("b-1", -200, "误发", "admin-1", 300, NOW));
        fixture.given(granted(500)).when(new AdjustPoints(WALLET, "b-1", -501, "误发", ADMIN))
                .expectNoEvents().expectException(refusal("INSUFFICIENT_POINTS"));
        fixture.given(granted(500)).when(new AdjustPoints(WALLET, "b-1", 0, "nothing", ADMIN))
                .expectNoEvents().expectException(refusal("INVALID_ADJUSTMENT"));
    }

    @Test
    void only_admins_adjust_points_and_only_admins_or_the_system_a_balance() {
        fixture.givenNoPriorActivity().when(new AdjustPoints(WALLET, "b-1", 500, "mine", BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity().when(new AdjustPoints(WALLET, "b-1", 500, "topup", SYSTEM))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity().when(new AdjustBalance(WALLET, "b-1", Money.of("10.00"), "mine", BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity().when(new AdjustBalance(WALLET, "b-1", Money.of("10.00"), "充值", SYSTEM))
                .expectEvents(new BalanceAdjusted("b-1", Money.of("10.00"), "充值", "points-settlement",
                        Money.of("10.00"), NOW));
    }

    @Test
    void a_balance_never_goes_below_zero_nor_above_its_limit() {
        fixture.given(toppedUp("10.00")).when(new AdjustBalance(WALLET, "b-1", Money.of("-10.01"), "fix", ADMIN))
                .expectNoEvents().expectException(refusal("INSUFFICIENT_BALANCE"));
        fixture.given(toppedUp("99999999.00"))
                .when(new AdjustBalance(WALLET, "b-1", Money.of("1.01"), "more", ADMIN))
                .expectNoEvents().expectException(refusal("BALANCE_LIMIT"));
        fixture.given(toppedUp("10.00")).when(new AdjustBalance(WALLET, "b-1", Money.of("0.00"), "zero", ADMIN))
                .expectNoEvents().expectException(refusal("INVALID_ADJUSTMENT"));
    }

    @Test
    void a_checkout_freezes_points_and_spends_balance_per_order() {
        fixture.given(granted(1000), toppedUp("50.00"))
                .when(new Take(List.of(new Wallets.Take("o-1", 300, Money.of("20.00")),
                        new Wallets.Take("o-2", 200, Money.ZERO))))
                .expectEvents(new PointsFrozen("b-1", "o-1", 300, 700, NOW),
                        new BalanceSpent("b-1", "o-1", Money.of("20.00"), Money.of("30.00"), NOW),
                        new PointsFrozen("b-1", "o-2", 200, 500, NOW));
    }

    @Test
    void a_checkout_taking_more_than_there_is_takes_nothing() {
        fixture.given(granted(1000), toppedUp("50.00"))
                .when(new Take(List.of(new Wallets.Take("o-1", 600, Money.ZERO),
                        new Wallets.Take("o-2", 401, Money.ZERO))))
                .expectNoEvents().expectException(refusal("INSUFFICIENT_POINTS"));
        fixture.given(granted(1000), toppedUp("50.00"))
                .when(new Take(List.of(new Wallets.Take("o-1", 0, Money.of("50.01")))))
                .expectNoEvents().expectException(refusal("INSUFFICIENT_BALANCE"));
    }

    @Test
    void a_cancelled_order_gets_back_what_it_took_exactly_once() {
        var taken = new Object[]{granted(1000), toppedUp("50.00"), new PointsFrozen("b-1", "o-1", 300, 700, NOW),
                new BalanceSpent("b-1", "o-1", Money.of("20.00"), Money.of("30.00"), NOW)};
        fixture.given(taken).when(new GiveBack("o-1", "order_cancelled"))
                .expectEvents(new PointsUnfrozen("b-1", "o-1", 300, "order_cancelled", 1000, NOW),
                        new BalanceReturned("b-1", "o-1", Money.of("20.00"), "order_cancelled", Money.of("50.00"),
                                NOW));
        fixture.given(taken[0], taken[1], taken[2], taken[3],
                        new PointsUnfrozen("b-1", "o-1", 300, "order_cancelled", 1000, NOW),
                        new BalanceReturned("b-1", "o-1", Money.of("20.00"), "order_cancelled", Money.of("50.00"), NOW))
                .when(new GiveBack("o-1", "payment_timeout"))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(granted(10)).when(new GiveBack("o-9", "order_cancelled"))
                .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void a_paid_order_spends_its_frozen_points_once_and_they_never_come_back() {
        var frozen = new Object[]{granted(1000), new PointsFrozen("b-1", "o-1", 300, 700, NOW)};
        fixture.given(frozen).when(new SettlePoints(WALLET, "b-1", "o-1", SYSTEM))
                .expectEvents(new PointsSpent("b-1", "o-1", 300, NOW));
        fixture.given(frozen[0], frozen[1], new PointsSpent("b-1", "o-1", 300, NOW))
                .when(new SettlePoints(WALLET, "b-1", "o-1", SYSTEM))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(frozen[0], frozen[1], new PointsSpent("b-1", "o-1", 300, NOW))
                .when(new GiveBack("o-1", "order_cancelled"))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(frozen).when(new SettlePoints(WALLET, "b-1", "o-1", BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void a_completed_order_earns_its_points_once_and_a_refund_takes_back_what_can_be_taken() {
        fixture.given(granted(10)).when(new EarnPoints(WALLET, "b-1", "o-1", 50, SYSTEM))
                .expectEvents(new PointsEarned("b-1", "o-1", 50, 50, 0, 60, NOW));
        var earned = new Object[]{granted(10), new PointsEarned("b-1", "o-1", 50, 50, 0, 60, NOW)};
        fixture.given(earned).when(new EarnPoints(WALLET, "b-1", "o-1", 50, SYSTEM))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(earned).when(new EarnPoints(WALLET, "b-1", "o-1", 20, SYSTEM))
                .expectEvents(new PointsEarned("b-1", "o-1", -30, 20, 0, 30, NOW));
        fixture.given(earned[0], earned[1], new PointsAdjusted("b-1", -55, "spent elsewhere", "admin-1", 5, NOW))
                .when(new EarnPoints(WALLET, "b-1", "o-1", 0, SYSTEM))
                .expectEvents(new PointsEarned("b-1", "o-1", -5, 0, 45, 0, NOW));
        fixture.given(earned).when(new EarnPoints(WALLET, "b-1", "o-1", 99, BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void a_refund_gives_back_its_share_of_points_and_balance_once() {
        var paid = new Object[]{granted(1000), toppedUp("50.00"), new PointsFrozen("b-1", "o-1", 800, 200, NOW),
                new BalanceSpent("b-1", "o-1", Money.of("20.00"), Money.of("30.00"), NOW),
                new PointsSpent("b-1", "o-1", 800, NOW)};
        fixture.given(paid).when(new Refunded("r-1", 342, Money.of("20.00")))
                .expectEvents(new PointsRefunded("b-1", "o-1", "r-1", 342, 542, NOW),
                        new BalanceRefunded("b-1", "o-1", "r-1", Money.of("20.00"), Money.of("50.00"), NOW));
        fixture.given(paid[0], paid[1], paid[2], paid[3], paid[4],
                        new PointsRefunded("b-1", "o-1", "r-1", 342, 542, NOW))
                .when(new Refunded("r-1", 342, Money.of("20.00")))
                .expectNoEvents().expectSuccessfulHandlerExecution();
    }
}
