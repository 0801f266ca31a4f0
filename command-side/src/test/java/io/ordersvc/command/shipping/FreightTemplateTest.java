package io.ordersvc.command.shipping;

import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.shipping.ChargeBy;
import io.ordersvc.shared.shipping.FreightRules;
import io.ordersvc.shared.shipping.FreightTemplateCommand.CreateFreightTemplate;
import io.ordersvc.shared.shipping.FreightTemplateCommand.ReplaceFreightTemplate;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateCreated;
import io.ordersvc.shared.shipping.FreightTemplateEvent.FreightTemplateReplaced;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class FreightTemplateTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);
    static final FreightRules RULES = rules("8.00");

    private AggregateTestFixture<FreightTemplate> fixture;

    static FreightRules rules(String firstFee) {
        return new FreightRules("全国", ChargeBy.COUNT, new FreightRules.Charge(1, Money.of(firstFee), 1,
                Money.of("2.00")), List.of(new FreightRules.RegionCharge(List.of("650000"), 1, Money.of("20.00"), 1,
                Money.of("10.00"))), List.of(new FreightRules.FreeShipping(List.of(), Money.of("99.00"), null)),
                List.of("710000"));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FreightTemplate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_seller_creates_a_template_for_their_shop() {
        fixture.givenNoPriorActivity()
                .when(new CreateFreightTemplate("tpl-1", "shop-1", RULES, SELLER))
                .expectEvents(new FreightTemplateCreated("tpl-1", "shop-1", RULES, NOW));
    }

    @Test
    void a_seller_may_not_create_one_for_another_shop() {
        fixture.givenNoPriorActivity()
                .when(new CreateFreightTemplate("tpl-1", "shop-1", RULES, OTHER_SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void unsound_rules_are_refused() {
        var twice = new FreightRules("x", ChargeBy.COUNT, new FreightRules.Charge(1, Money.ZERO, 1, Money.ZERO),
                List.of(new FreightRules.RegionCharge(List.of("310000"), 1, Money.ZERO, 1, Money.ZERO),
                        new FreightRules.RegionCharge(List.of("310000"), 1, Money.ZERO, 1, Money.ZERO)),
                List.of(), List.of());
        fixture.givenNoPriorActivity()
                .when(new CreateFreightTemplate("tpl-1", "shop-1", twice, ADMIN))
                .expectNoEvents().expectException(refusal("INVALID_FREIGHT_RULES"));
    }

    @Test
    void replacing_states_the_new_rules() {
        fixture.given(new FreightTemplateCreated("tpl-1", "shop-1", RULES, NOW))
                .when(new ReplaceFreightTemplate("tpl-1", rules("10.00"), SELLER))
                .expectEvents(new FreightTemplateReplaced("tpl-1", "shop-1", rules("10.00"), NOW))
                .expectResultMessagePayload(new FreightTemplate.TemplateAck("tpl-1", 1));
    }

    @Test
    void replacing_with_the_same_rules_appends_nothing() {
        fixture.given(new FreightTemplateCreated("tpl-1", "shop-1", RULES, NOW))
                .when(new ReplaceFreightTemplate("tpl-1", rules("8.00"), SELLER))
                .expectNoEvents()
                .expectResultMessagePayload(new FreightTemplate.TemplateAck("tpl-1", 0));
    }

    @Test
    void another_shops_seller_does_not_see_the_template() {
        fixture.given(new FreightTemplateCreated("tpl-1", "shop-1", RULES, NOW))
                .when(new ReplaceFreightTemplate("tpl-1", rules("10.00"), OTHER_SELLER))
                .expectNoEvents().expectException(refusal("FREIGHT_TEMPLATE_NOT_FOUND"));
    }
}
