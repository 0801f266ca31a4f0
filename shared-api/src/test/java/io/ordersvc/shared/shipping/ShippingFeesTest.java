package io.ordersvc.shared.shipping;

import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.shipping.FreightRules.Charge;
import io.ordersvc.shared.shipping.FreightRules.FreeShipping;
import io.ordersvc.shared.shipping.FreightRules.RegionCharge;
import io.ordersvc.shared.shipping.ShippingFees.ShippedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShippingFeesTest {

    /**
     * By count: ¥8 for the first piece, ¥2 per further piece; Xinjiang and Tibet ¥20 + ¥10; Shanghai's Pudong ¥0 + ¥0
     * while the rest of Shanghai (city 310100) pays ¥5 + ¥1; free over ¥99 in Jiangsu/Zhejiang/Shanghai, free from
     * 5 pieces anywhere; no delivery to Taiwan or to one district of Xinjiang.
     */
    static final FreightRules BY_COUNT = new FreightRules("江浙沪包邮", ChargeBy.COUNT,
            new Charge(1, Money.of("8.00"), 1, Money.of("2.00")),
            List.of(new RegionCharge(List.of("650000", "540000"), 1, Money.of("20.00"), 1, Money.of("10.00")),
                    new RegionCharge(List.of("310100"), 1, Money.of("5.00"), 1, Money.of("1.00")),
                    new RegionCharge(List.of("310115"), 1, Money.ZERO, 1, Money.ZERO)),
            List.of(new FreeShipping(List.of("320000", "330000", "310000"), Money.of("99.00"), null),
                    new FreeShipping(List.of(), null, 5)),
            List.of("710000", "653100"));

    /** By weight: the first kilogram ¥10, every further 500 g (or part) ¥3. */
    static final FreightRules BY_WEIGHT = new FreightRules("按重", ChargeBy.WEIGHT,
            new Charge(1000, Money.of("10.00"), 500, Money.of("3.00")), List.of(), List.of(), List.of());

    @ParameterizedTest(name = "{0}: {1} pieces, ¥{2} → ¥{3} by {4}")
    @CsvSource(nullValues = "null", value = {
            "110105, 1, 10.00, 8.00, default, null",      // Beijing: the default
            "110105, 3, 10.00, 12.00, default, null",     // 8 + 2 × 2
            "650102, 2, 10.00, 30.00, 650000, null",      // Urumqi district: its province's rule
            "540102, 1, 10.00, 20.00, 540000, null",      // Lhasa
            "310104, 2, 10.00, 6.00, 310100, null",       // Shanghai's Xuhui: the city rule
            "310115, 4, 10.00, 0.00, 310115, null",       // Pudong: the district rule beats the city's
            "310104, 1, 99.00, 0.00, 310100, 满¥99.00包邮", // free by amount in that region
            "320505, 1, 98.99, 8.00, default, null",      // Suzhou, one fen short
            "110105, 1, 150.00, 8.00, default, null",     // Beijing is not in the amount rule's regions
            "110105, 5, 10.00, 0.00, default, 满5件包邮",   // free by count anywhere
            "650102, 0, 0.00, 0.00, 650000, null"})       // nothing to ship
    void a_quote_takes_the_most_specific_rule_then_free_shipping(String region, long count, String amount,
                                                                 String fee, String rule, String freeReason) {
        var quote = ShippingFees.quote(BY_COUNT, region, count, 0, Money.of(amount));
        assertThat(quote).isEqualTo(new ShippingFees.Quote(Money.of(fee), rule, freeReason));
    }

    @ParameterizedTest(name = "{0} g → ¥{1}")
    @CsvSource({"0, 0.00", "1, 10.00", "1000, 10.00", "1001, 13.00", "1500, 13.00", "1501, 16.00", "2600, 22.00"})
    void by_weight_every_started_step_counts(long grams, String fee) {
        assertThat(ShippingFees.quote(BY_WEIGHT, "110105", 1, grams, Money.ZERO).fee()).isEqualTo(Money.of(fee));
    }

    @Test
    void a_region_the_template_does_not_deliver_to_is_refused() {
        for (String region : List.of("710100", "653101", "710000")) {
            assertThatThrownBy(() -> ShippingFees.quote(BY_COUNT, region, 1, 0, Money.ZERO))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo("REGION_NOT_DELIVERABLE"));
        }
        assertThat(ShippingFees.quote(BY_COUNT, "650102", 1, 0, Money.ZERO).fee()).isEqualTo(Money.of("20.00"));
    }

    @Test
    void an_order_is_charged_once_per_template_plus_its_highest_unified_fee() {
        var lines = List.of(
                new ShippedLine("count", null, 2, 0, Money.of("40.00")),
                new ShippedLine("count", null, 1, 0, Money.of("20.00")),   // same template: 3 pieces together
                new ShippedLine("weight", null, 2, 600, Money.of("50.00")), // 1,200 g
                new ShippedLine(null, Money.of("6.00"), 1, 0, Money.of("9.00")),
                new ShippedLine(null, Money.of("4.50"), 1, 0, Money.of("9.00")),
                new ShippedLine(null, null, 1, 0, Money.of("9.00")));
        var shipping = ShippingFees.forOrder(lines, Map.of("count", BY_COUNT, "weight", BY_WEIGHT), "110105");
        assertThat(shipping.byTemplate().get("count").fee()).isEqualTo(Money.of("12.00"));
        assertThat(shipping.byTemplate().get("weight").fee()).isEqualTo(Money.of("13.00"));
        assertThat(shipping.unifiedFee()).isEqualTo(Money.of("6.00"));
        assertThat(shipping.fee()).isEqualTo(Money.of("31.00"));
    }

    @Test
    void free_shipping_by_amount_counts_the_group_of_its_template() {
        var lines = List.of(new ShippedLine("count", null, 1, 0, Money.of("60.00")),
                new ShippedLine("count", null, 1, 0, Money.of("39.00")));
        var shipping = ShippingFees.forOrder(lines, Map.of("count", BY_COUNT), "320505");
        assertThat(shipping.fee()).isEqualTo(Money.ZERO);
        assertThat(shipping.byTemplate().get("count").freeReason()).isEqualTo("满¥99.00包邮");
    }

    @Test
    void a_template_needs_the_receivers_region_and_a_unified_fee_does_not() {
        var templated = List.of(new ShippedLine("count", null, 1, 0, Money.of("10.00")));
        assertThatThrownBy(() -> ShippingFees.forOrder(templated, Map.of("count", BY_COUNT), null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo("REGION_CODE_REQUIRED"));
        assertThatThrownBy(() -> ShippingFees.forOrder(templated, Map.of(), "110105"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo("FREIGHT_TEMPLATE_NOT_FOUND"));
        var unified = List.of(new ShippedLine(null, Money.of("6.00"), 1, 0, Money.of("10.00")));
        assertThat(ShippingFees.forOrder(unified, Map.of(), null).fee()).isEqualTo(Money.of("6.00"));
    }

    @ParameterizedTest
    @CsvSource({"110000, true", "110100, true", "110105, true", "441900, true", "820000, true", "100000, false",
            "110005, false", "11010, false", "1101050, false", "990000, false", "11a105, false"})
    void region_codes_follow_gb_t_2260(String code, boolean valid) {
        assertThat(RegionCode.isValid(code)).isEqualTo(valid);
    }

    @Test
    void a_region_code_in_two_rules_is_a_problem() {
        var rules = new FreightRules("x", ChargeBy.COUNT, new Charge(1, Money.ZERO, 1, Money.ZERO),
                List.of(new RegionCharge(List.of("310000"), 1, Money.ZERO, 1, Money.ZERO),
                        new RegionCharge(List.of("310000", "999999"), 0, Money.ZERO, 1, Money.ZERO)),
                List.of(), List.of());
        assertThat(ShippingFees.problems(rules)).containsExactly(
                "regions[1].region_codes: 999999 is not a GB/T 2260 region code",
                "regions[1].region_codes: 310000 is already in regions[0]",
                "regions[1].first: at least 1");
        assertThat(ShippingFees.problems(BY_COUNT)).isEmpty();
    }
}
