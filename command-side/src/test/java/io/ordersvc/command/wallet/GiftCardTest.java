package io.ordersvc.command.wallet;

import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.GiftCardCommand;
import io.ordersvc.shared.wallet.GiftCardCommand.BindGiftCard;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardBound;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardIssued;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardRefunded;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardReturned;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardSpent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

class GiftCardTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final String NUMBER = "6217000012345678";
    static final String CARD = GiftCardCommand.cardId(NUMBER);
    static final Actor BUYER = new Actor("b-1", Role.BUYER, null);
    static final Actor OTHER = new Actor("b-2", Role.BUYER, null);

    private AggregateTestFixture<GiftCard> fixture;

    record Spend(String buyerId, Map<String, Money> byOrder) {
    }

    record GiveBack(String orderId) {
    }

    record Refund(String orderId, String refundId, Money amount) {
    }

    static final class Handler {
        private final GiftCards cards;

        Handler(GiftCards cards) {
            this.cards = cards;
        }

        @CommandHandler
        void handle(Spend c, Clock clock) {
            cards.spend(c.buyerId(), NUMBER, c.byOrder(), clock.instant());
        }

        @CommandHandler
        void handle(GiveBack c, Clock clock) {
            cards.giveBack(NUMBER, c.orderId(), "order_cancelled", clock.instant());
        }

        @CommandHandler
        void handle(Refund c, Clock clock) {
            cards.refunded(NUMBER, c.orderId(), c.refundId(), c.amount(), clock.instant());
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GiftCard.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new Handler(new GiftCards(fixture.getRepository(), null)));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static GiftCardIssued issued(Instant validUntil) {
        return new GiftCardIssued(NUMBER, "batch-1", Money.of("100.00"), GiftCard.hash(NUMBER, "SECRET123456"),
                validUntil, "admin-1", NOW.minusSeconds(60));
    }

    static final GiftCardIssued ISSUED = issued(NOW.plusSeconds(86_400));
    static final GiftCardBound BOUND = new GiftCardBound(NUMBER, "b-1", NOW);

    @Test
    void the_buyer_who_knows_the_secret_binds_the_card_once() {
        fixture.given(ISSUED).when(new BindGiftCard(CARD, NUMBER, "SECRET123456", BUYER))
                .expectEvents(new GiftCardBound(NUMBER, "b-1", NOW));
        fixture.given(ISSUED, BOUND).when(new BindGiftCard(CARD, NUMBER, "SECRET123456", BUYER))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(ISSUED, BOUND).when(new BindGiftCard(CARD, NUMBER, "SECRET123456", OTHER))
                .expectNoEvents().expectException(refusal("GIFT_CARD_ALREADY_BOUND"));
    }

    @Test
    void a_wrong_secret_an_expired_card_or_a_seller_binds_nothing() {
        fixture.given(ISSUED).when(new BindGiftCard(CARD, NUMBER, "SECRET123457", BUYER))
                .expectNoEvents().expectException(refusal("INVALID_GIFT_CARD"));
        fixture.given(ISSUED, BOUND).when(new BindGiftCard(CARD, NUMBER, "WRONG", OTHER))
                .expectNoEvents().expectException(refusal("INVALID_GIFT_CARD"));
        fixture.given(issued(NOW)).when(new BindGiftCard(CARD, NUMBER, "SECRET123456", BUYER))
                .expectNoEvents().expectException(refusal("GIFT_CARD_EXPIRED"));
        fixture.given(ISSUED).when(new BindGiftCard(CARD, NUMBER, "SECRET123456",
                        new Actor("s-1", Role.SELLER, "shop-1")))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void its_buyer_spends_it_in_parts_never_beyond_its_balance() {
        fixture.given(ISSUED, BOUND)
                .when(new Spend("b-1", Map.of("o-1", Money.of("60.00"))))
                .expectEvents(new GiftCardSpent(NUMBER, "b-1", "o-1", Money.of("60.00"), Money.of("40.00"), NOW));
        fixture.given(ISSUED, BOUND, new GiftCardSpent(NUMBER, "b-1", "o-1", Money.of("60.00"), Money.of("40.00"), NOW))
                .when(new Spend("b-1", Map.of("o-2", Money.of("40.01"))))
                .expectNoEvents().expectException(refusal("INSUFFICIENT_GIFT_CARD"));
        fixture.given(ISSUED, BOUND).when(new Spend("b-2", Map.of("o-1", Money.of("1.00"))))
                .expectNoEvents().expectException(refusal("GIFT_CARD_NOT_FOUND"));
        fixture.given(ISSUED).when(new Spend("b-1", Map.of("o-1", Money.of("1.00"))))
                .expectNoEvents().expectException(refusal("GIFT_CARD_NOT_FOUND"));
        fixture.given(issued(NOW), BOUND).when(new Spend("b-1", Map.of("o-1", Money.of("1.00"))))
                .expectNoEvents().expectException(refusal("GIFT_CARD_EXPIRED"));
    }

    @Test
    void a_cancelled_order_gets_its_share_back_once_and_a_refund_at_most_what_the_order_took() {
        GiftCardSpent spent = new GiftCardSpent(NUMBER, "b-1", "o-1", Money.of("60.00"), Money.of("40.00"), NOW);
        fixture.given(ISSUED, BOUND, spent).when(new GiveBack("o-1"))
                .expectEvents(new GiftCardReturned(NUMBER, "b-1", "o-1", Money.of("60.00"), "order_cancelled",
                        Money.of("100.00"), NOW));
        fixture.given(ISSUED, BOUND, spent, new GiftCardReturned(NUMBER, "b-1", "o-1", Money.of("60.00"),
                        "order_cancelled", Money.of("100.00"), NOW))
                .when(new GiveBack("o-1")).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(ISSUED, BOUND, spent).when(new Refund("o-1", "r-1", Money.of("70.00")))
                .expectEvents(new GiftCardRefunded(NUMBER, "b-1", "o-1", "r-1", Money.of("60.00"),
                        Money.of("100.00"), NOW));
        fixture.given(ISSUED, BOUND, spent, new GiftCardRefunded(NUMBER, "b-1", "o-1", "r-1", Money.of("20.00"),
                        Money.of("60.00"), NOW))
                .when(new Refund("o-1", "r-1", Money.of("20.00")))
                .expectNoEvents().expectSuccessfulHandlerExecution();
    }
}
