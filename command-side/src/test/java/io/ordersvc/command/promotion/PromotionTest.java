package io.ordersvc.command.promotion;

import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionCommand.CreatePromotion;
import io.ordersvc.shared.promotion.PromotionCommand.EndPromotion;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionCreated;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionEnded;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionRules.Gift;
import io.ordersvc.shared.promotion.PromotionRules.Tier;
import io.ordersvc.shared.promotion.PromotionType;
import io.ordersvc.shared.promotion.Promotions;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant WEEK = NOW.plus(Duration.ofDays(7));
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);

    private AggregateTestFixture<Promotion> fixture;

    /** p-1 and gift sku g-1 belong to shop-1, p-9 and g-9 to shop-9. */
    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Promotion.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        SkuOwners skus = ids -> {
            Map<String, SkuOwners.Owner> known = new HashMap<>();
            ids.forEach(id -> {
                if (id.equals("g-1")) {
                    known.put(id, new SkuOwners.Owner("p-1", "shop-1"));
                } else if (id.equals("g-9")) {
                    known.put(id, new SkuOwners.Owner("p-9", "shop-9"));
                }
            });
            return known;
        };
        fixture.registerAnnotatedCommandHandler(new PromotionDesk(fixture.getRepository(), skus, ids -> {
            Map<String, String> shops = new HashMap<>();
            ids.forEach(id -> {
                if (id.equals("p-1") || id.equals("p-9")) {
                    shops.put(id, id.equals("p-1") ? "shop-1" : "shop-9");
                }
            });
            return shops;
        }));
    }

    static PromotionRules reduction(List<String> products, Tier... tiers) {
        return new PromotionRules("满300减50", PromotionType.FULL_REDUCTION, NOW, WEEK, products, List.of(tiers), false,
                null, List.of(), List.of());
    }

    static Tier amount(String threshold, String reduction) {
        return new Tier(Money.of(threshold), null, Money.of(reduction), null);
    }

    static PromotionRules gifts(PromotionType type, Gift... gifts) {
        return new PromotionRules("满赠", type, NOW, WEEK, List.of(), List.of(new Tier(Money.of("99.00"), null, null,
                null)), false, null, List.of(gifts), List.of());
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    @Test
    void a_seller_runs_a_promotion_on_products_of_their_shop() {
        var rules = reduction(List.of("p-1"), amount("300.00", "50.00"), amount("500.00", "100.00"));
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", "shop-1", rules, SELLER))
                .expectEvents(new PromotionCreated("promo-1", "shop-1", rules, NOW));
    }

    @Test
    void another_shops_products_and_gifts_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", "shop-1", reduction(List.of("p-9"), amount("300.00", "50.00")),
                        SELLER))
                .expectNoEvents().expectException(refusal("INVALID_PROMOTION"));
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", "shop-1", gifts(PromotionType.FREE_GIFT,
                        new Gift("g-9", Money.ZERO, 1)), SELLER))
                .expectNoEvents().expectException(refusal("INVALID_PROMOTION"));
    }

    @Test
    void only_admins_run_platform_wide_promotions_and_only_sellers_their_shops() {
        var rules = reduction(List.of(), amount("300.00", "50.00"));
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", null, rules, SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", "shop-1", rules, OTHER_SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", null, rules, ADMIN))
                .expectEvents(new PromotionCreated("promo-1", null, rules, NOW));
    }

    @Test
    void a_promotion_that_ended_before_it_is_created_is_refused() {
        var past = new PromotionRules("旧", PromotionType.FULL_REDUCTION, NOW.minusSeconds(7200), NOW.minusSeconds(60),
                List.of(), List.of(amount("300.00", "50.00")), false, null, List.of(), List.of());
        fixture.givenNoPriorActivity()
                .when(new CreatePromotion("promo-1", "shop-1", past, SELLER))
                .expectNoEvents().expectException(refusal("INVALID_PROMOTION"));
    }

    @Test
    void ending_stops_it_now_and_only_once() {
        var rules = reduction(List.of(), amount("300.00", "50.00"));
        fixture.given(new PromotionCreated("promo-1", "shop-1", rules, NOW))
                .when(new EndPromotion("promo-1", SELLER))
                .expectEvents(new PromotionEnded("promo-1", "shop-1", NOW))
                .expectResultMessagePayload(new Promotion.PromotionAck("promo-1", 1));
        fixture.given(new PromotionCreated("promo-1", "shop-1", rules, NOW), new PromotionEnded("promo-1", "shop-1", NOW))
                .when(new EndPromotion("promo-1", SELLER))
                .expectNoEvents().expectException(refusal("PROMOTION_ENDED"));
        fixture.given(new PromotionCreated("promo-1", "shop-1", rules, NOW))
                .when(new EndPromotion("promo-1", OTHER_SELLER))
                .expectNoEvents().expectException(refusal("PROMOTION_NOT_FOUND"));
    }

    @Test
    void terms_that_contradict_themselves_name_each_problem() {
        assertThat(Promotions.problems(reduction(List.of(), amount("300.00", "50.00"), amount("200.00", "80.00"))))
                .containsExactly("tiers[1]: thresholds rise from tier to tier");
        assertThat(Promotions.problems(reduction(List.of(), amount("30.00", "50.00"))))
                .containsExactly("tiers[0].reduction: at most the threshold");
        assertThat(Promotions.problems(reduction(List.of(), new Tier(Money.of("30.00"), 3, Money.of("5.00"), null))))
                .containsExactly("tiers[0]: threshold_amount or threshold_count, one of them");
        var discount = new PromotionRules("打折", PromotionType.FULL_DISCOUNT, NOW, WEEK, List.of(),
                List.of(new Tier(null, 2, null, new BigDecimal("1.00"))), true, null, List.of(), List.of());
        assertThat(Promotions.problems(discount)).containsExactly(
                "tiers[0].discount_rate: from 0.00 (free) to 0.99, two decimals (0.80 is 8折)",
                "repeat: only a full reduction with one tier repeats");
        assertThat(Promotions.problems(gifts(PromotionType.FREE_GIFT, new Gift("g-1", Money.of("1.00"), 0))))
                .containsExactly("gifts[0].max_select: at least 1", "gifts[0].price: a free gift costs 0.00");
        assertThat(Promotions.problems(gifts(PromotionType.ADD_ON_PURCHASE))).containsExactly("gifts: at least one");
        assertThat(Promotions.problems(reduction(List.of(), amount("300.00", "50.00")))).isEmpty();
    }
}
