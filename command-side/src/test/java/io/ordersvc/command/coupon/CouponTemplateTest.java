package io.ordersvc.command.coupon;

import io.ordersvc.shared.coupon.CouponCommand.CreateCouponTemplate;
import io.ordersvc.shared.coupon.CouponCommand.GenerateCouponCodes;
import io.ordersvc.shared.coupon.CouponEvent.CouponCodesGenerated;
import io.ordersvc.shared.coupon.CouponEvent.CouponIssued;
import io.ordersvc.shared.coupon.CouponEvent.CouponTemplateCreated;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.coupon.CouponType;
import io.ordersvc.shared.coupon.CouponValidity;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A template's own rules: who creates it, its terms and windows, codes, and the total it never exceeds. */
class CouponTemplateTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);
    static final CouponTerms TERMS = new CouponTerms("shop-1", CouponType.AMOUNT, Money.of("20.00"), null,
            Money.of("100.00"), null, null, null);
    static final CouponValidity WINDOW = new CouponValidity(NOW.minus(Duration.ofHours(1)),
            NOW.plus(Duration.ofDays(1)), null, null, 7);

    /** What the desk asks the template inside a claim, a grant or an exchange. */
    record Issue(String couponId, String via, String codeHash) {
    }

    static final class Handler {
        private final Repository<CouponTemplate> templates;

        Handler(Repository<CouponTemplate> templates) {
            this.templates = templates;
        }

        @CommandHandler
        void handle(Issue c, Clock clock) {
            templates.load("t-1").execute(t -> t.issue(c.couponId(), "b-1", c.via(), c.codeHash(), clock.instant()));
        }
    }

    private AggregateTestFixture<CouponTemplate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CouponTemplate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new CouponDesk(fixture.getRepository(), hash -> java.util.Optional
                .empty(), null, null));
        fixture.registerAnnotatedCommandHandler(new Handler(fixture.getRepository()));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static CreateCouponTemplate create(CouponTerms terms, int total, CouponValidity validity, Actor actor) {
        return new CreateCouponTemplate("t-1", terms.shopId(), "满100减20", terms, 1, total, validity, actor);
    }

    static CouponTemplateCreated created(int total) {
        return new CouponTemplateCreated("t-1", "shop-1", "满100减20", TERMS, 1, total, WINDOW, "seller-1", NOW);
    }

    @Test
    void a_seller_creates_templates_of_their_shop_and_only_admins_platform_ones() {
        fixture.givenNoPriorActivity().when(create(TERMS, 10, WINDOW, SELLER)).expectEvents(created(10));
        fixture.givenNoPriorActivity().when(create(TERMS, 10, WINDOW, OTHER_SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        CouponTerms platform = new CouponTerms(null, CouponType.RATE, null, new BigDecimal("0.90"), null, null,
                null, null);
        fixture.givenNoPriorActivity().when(create(platform, 10, WINDOW, SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity().when(create(platform, 10, WINDOW, ADMIN)).expectSuccessfulHandlerExecution();
    }

    @Test
    void terms_and_windows_that_make_no_sense_are_refused_naming_each_field() {
        CouponTerms noAmount = new CouponTerms("shop-1", CouponType.AMOUNT, null, new BigDecimal("0.80"),
                null, List.of("c-1"), List.of("c-1"), null);
        fixture.givenNoPriorActivity().when(create(noAmount, 10, WINDOW, SELLER)).expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.code().equals("INVALID_COUPON_TEMPLATE") && d.getMessage().contains("amount: required")
                        && d.getMessage().contains("rate: only for type rate")
                        && d.getMessage().contains("exclude_category_ids")));
        CouponTerms overMin = new CouponTerms("shop-1", CouponType.AMOUNT, Money.of("100.00"), null,
                Money.of("100.00"), null, null, null);
        fixture.givenNoPriorActivity().when(create(overMin, 10, WINDOW, SELLER)).expectNoEvents()
                .expectException(refusal("INVALID_COUPON_TEMPLATE"));
        CouponValidity closed = new CouponValidity(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)),
                null, null, 7);
        fixture.givenNoPriorActivity().when(create(TERMS, 10, closed, SELLER)).expectNoEvents()
                .expectException(refusal("INVALID_COUPON_TEMPLATE"));
        CouponValidity both = new CouponValidity(NOW, NOW.plus(Duration.ofDays(1)), NOW,
                NOW.plus(Duration.ofDays(3)), 7);
        fixture.givenNoPriorActivity().when(create(TERMS, 10, both, SELLER)).expectNoEvents()
                .expectException(refusal("INVALID_COUPON_TEMPLATE"));
        CouponValidity usedUpFirst = new CouponValidity(NOW, NOW.plus(Duration.ofDays(3)), NOW,
                NOW.plus(Duration.ofDays(1)), null);
        fixture.givenNoPriorActivity().when(create(TERMS, 10, usedUpFirst, SELLER)).expectNoEvents()
                .expectException(refusal("INVALID_COUPON_TEMPLATE"));
        fixture.givenNoPriorActivity().when(new CreateCouponTemplate("t-1", "shop-1", "x", TERMS, 5, 4, WINDOW,
                SELLER)).expectNoEvents().expectException(refusal("INVALID_COUPON_TEMPLATE"));
    }

    @Test
    void codes_reserve_coupons_of_the_total_and_only_the_owner_generates_them() {
        fixture.given(created(3)).when(new GenerateCouponCodes("t-1", 2, SELLER))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(Matchers.predicate(p ->
                                p instanceof CouponCodesGenerated g && g.codeHashes().size() == 2
                                        && g.codeHashes().stream().allMatch(h -> h.length() == 64))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
        fixture.given(created(3), new CouponCodesGenerated("t-1", List.of("h1", "h2"), "seller-1", NOW))
                .when(new GenerateCouponCodes("t-1", 2, SELLER)).expectNoEvents()
                .expectException(refusal("COUPONS_EXHAUSTED"));
        fixture.given(created(3)).when(new GenerateCouponCodes("t-1", 1, OTHER_SELLER)).expectNoEvents()
                .expectException(refusal("FORBIDDEN"));
    }

    @Test
    void a_template_never_issues_beyond_its_total_and_a_code_works_once() {
        fixture.given(created(1)).when(new Issue("c-1", CouponTemplate.VIA_CLAIM, null))
                .expectEvents(new CouponIssued("t-1", "c-1", "b-1", "claim", null, NOW));
        fixture.given(created(1), new CouponIssued("t-1", "c-1", "b-2", "claim", null, NOW))
                .when(new Issue("c-2", CouponTemplate.VIA_CLAIM, null)).expectNoEvents()
                .expectException(refusal("COUPONS_EXHAUSTED"));
        fixture.given(created(1), new CouponCodesGenerated("t-1", List.of("h1"), "seller-1", NOW))
                .when(new Issue("c-2", CouponTemplate.VIA_CLAIM, null)).expectNoEvents()
                .expectException(refusal("COUPONS_EXHAUSTED"));
        fixture.given(created(1), new CouponCodesGenerated("t-1", List.of("h1"), "seller-1", NOW))
                .when(new Issue("c-2", CouponTemplate.VIA_CODE, "h1"))
                .expectEvents(new CouponIssued("t-1", "c-2", "b-1", "code", "h1", NOW));
        fixture.given(created(1), new CouponCodesGenerated("t-1", List.of("h1"), "seller-1", NOW),
                        new CouponIssued("t-1", "c-2", "b-1", "code", "h1", NOW))
                .when(new Issue("c-3", CouponTemplate.VIA_CODE, "h1")).expectNoEvents()
                .expectException(refusal("INVALID_EXCHANGE_CODE"));
    }

    @Test
    void claims_keep_to_the_claim_window_and_grants_to_the_use_window() {
        CouponValidity later = new CouponValidity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)),
                null, null, 7);
        CouponTemplateCreated notYet = new CouponTemplateCreated("t-1", "shop-1", "x", TERMS, 1, 5, later,
                "seller-1", NOW);
        fixture.given(notYet).when(new Issue("c-1", CouponTemplate.VIA_CLAIM, null)).expectNoEvents()
                .expectException(refusal("COUPON_CLAIM_NOT_STARTED"));
        fixture.given(notYet).when(new Issue("c-1", CouponTemplate.VIA_GRANT, null))
                .expectEvents(new CouponIssued("t-1", "c-1", "b-1", "grant", null, NOW));
    }

    @Test
    void codes_are_hashed_case_blind_and_valid_days_run_from_receipt() {
        assertThat(CouponTemplate.hash("abcDEFghjk")).isEqualTo(CouponTemplate.hash(" ABCDEFGHJK "));
        assertThat(WINDOW.window(NOW).useUntil()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }
}
