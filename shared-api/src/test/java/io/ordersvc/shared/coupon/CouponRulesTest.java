package io.ordersvc.shared.coupon;

import io.ordersvc.shared.coupon.CouponRules.Held;
import io.ordersvc.shared.coupon.CouponRules.Line;
import io.ordersvc.shared.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CouponRulesTest {

    static final Instant NOW = Instant.parse("2026-12-12T00:00:00Z");
    static final List<Line> LINES = List.of(
            new Line("tea", "shop-a", "food", Money.of("60.00")),
            new Line("cup", "shop-a", "kitchen", Money.of("30.00")),
            new Line("pen", "shop-b", "office", Money.of("10.00")));

    static CouponTerms amount(String shop, String off, String minSpend, List<String> in, List<String> out,
                              List<Integer> levels) {
        return new CouponTerms(shop, CouponType.AMOUNT, Money.of(off), null, Money.of(minSpend), in, out, levels);
    }

    static CouponTerms rate(String shop, String rate, String minSpend) {
        return new CouponTerms(shop, CouponType.RATE, null, new BigDecimal(rate), Money.of(minSpend), null, null,
                null);
    }

    static Held held(CouponTerms terms) {
        return new Held("c-1", terms, NOW.minusSeconds(3600), NOW.plusSeconds(3600), false);
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                // terms, taken, from, until, level, expected reason (null: usable)
                Arguments.of("platform ¥10 off ¥100", amount(null, "10.00", "100.00", null, null, null), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, null),
                Arguments.of("platform ¥10 off ¥100.01", amount(null, "10.00", "100.01", null, null, null), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.BELOW_MIN_SPEND),
                Arguments.of("shop a counts only its ¥90", amount("shop-a", "10.00", "95.00", null, null, null), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.BELOW_MIN_SPEND),
                Arguments.of("another shop's", amount("shop-z", "10.00", "0.00", null, null, null), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.WRONG_SHOP),
                Arguments.of("only toys", amount(null, "10.00", "0.00", List.of("toys"), null, null), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.WRONG_CATEGORY),
                Arguments.of("food only, ¥60 of ¥50 min", amount(null, "10.00", "50.00", List.of("food"), null, null),
                        false, NOW.minusSeconds(1), NOW.plusSeconds(1), null, null),
                Arguments.of("food excluded: ¥40 left", amount(null, "5.00", "50.00", null, List.of("food"), null),
                        false, NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.BELOW_MIN_SPEND),
                Arguments.of("starts in a second", amount(null, "10.00", "0.00", null, null, null), false,
                        NOW.plusSeconds(1), NOW.plusSeconds(60), null, UnusableReason.NOT_STARTED),
                Arguments.of("ended at this instant", amount(null, "10.00", "0.00", null, null, null), false,
                        NOW.minusSeconds(60), NOW, null, UnusableReason.EXPIRED),
                Arguments.of("for gold members, none", amount(null, "10.00", "0.00", null, null, List.of(2)), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.LEVEL_TOO_LOW),
                Arguments.of("for gold members, silver", amount(null, "10.00", "0.00", null, null, List.of(2)), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), 1, UnusableReason.LEVEL_TOO_LOW),
                Arguments.of("for gold members, gold", amount(null, "10.00", "0.00", null, null, List.of(2)), false,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), 2, null),
                Arguments.of("locked by an unpaid order", amount(null, "10.00", "0.00", null, null, null), true,
                        NOW.minusSeconds(1), NOW.plusSeconds(1), null, UnusableReason.ALREADY_USED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void a_coupon_is_usable_or_says_why_not(String name, CouponTerms terms, boolean taken, Instant from,
                                            Instant until, Integer level, UnusableReason expected) {
        assertThat(CouponRules.unusable(new Held("c-1", terms, from, until, taken), LINES, level, NOW))
                .isEqualTo(java.util.Optional.ofNullable(expected));
    }

    static List<Money> money(String... amounts) {
        return Stream.of(amounts).map(Money::of).toList();
    }

    @Test
    void an_amount_is_apportioned_over_the_lines_it_covers_to_the_fen() {
        // 10.00 over 60 and 30: 6.66 and 3.33, the fen left on the larger line
        assertThat(CouponRules.discounts(amount("shop-a", "10.00", "0.00", null, null, null), LINES))
                .isEqualTo(money("6.67", "3.33", "0.00"));
    }

    @Test
    void an_amount_larger_than_the_goods_takes_no_more_than_they_cost() {
        assertThat(CouponRules.discounts(amount(null, "500.00", "0.00", List.of("office"), null, null), LINES))
                .isEqualTo(money("0.00", "0.00", "10.00"));
    }

    @Test
    void a_rate_takes_its_share_rounded_down_to_the_fen() {
        // 85 % of 100.00 paid: 15.00 off; 88.8 % of 100.00: 11.20 off, apportioned 6.72, 3.36, 1.12
        assertThat(CouponRules.discounts(rate(null, "0.85", "0.00"), LINES)).isEqualTo(money("9.00", "4.50", "1.50"));
        assertThat(CouponRules.discounts(rate(null, "0.888", "0.00"), LINES))
                .isEqualTo(money("6.72", "3.36", "1.12"));
    }

    @Test
    void a_line_at_one_fen_keeps_what_the_proportion_gives_it() {
        List<Line> lines = List.of(new Line("a", "s", null, Money.of("0.01")), new Line("b", "s", null,
                Money.of("99.99")));
        assertThat(CouponRules.discounts(amount(null, "1.00", "0.00", null, null, null), lines))
                .isEqualTo(money("0.00", "1.00"));
    }
}
