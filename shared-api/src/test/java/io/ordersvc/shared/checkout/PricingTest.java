package io.ordersvc.shared.checkout;

import io.ordersvc.shared.checkout.Pricing.Goods;
import io.ordersvc.shared.checkout.Pricing.Line;
import io.ordersvc.shared.checkout.Pricing.Member;
import io.ordersvc.shared.checkout.Pricing.Offer;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionRules.Gift;
import io.ordersvc.shared.promotion.PromotionRules.Tier;
import io.ordersvc.shared.promotion.PromotionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The buyer always gets the best valid combination, to the fen. Each row: the lines (sku×quantity), the buyer's
 * member level and rate, the promotions running, the instant; expected: goods, member discount, promotion discount,
 * each line's paid amount (in line order), and the promotions applied. Every row also checks that the lines add up.
 */
class PricingTest {

    static final Instant T = Instant.parse("2026-12-12T00:00:00Z");
    static final Instant WEEK_AGO = T.minusSeconds(7 * 86400);
    static final Instant WEEK_ON = T.plusSeconds(7 * 86400);

    // Shop s1: A ¥100.00, B ¥60.00, C ¥0.01, D1..D3 ¥33.33 (one product D); shop s2: E ¥50.00. Gifts of s1: GIFT, ADD.
    static Line line(String sku, int quantity) {
        return switch (sku) {
            case "A" -> Line.normal("A", "pA", "s1", Money.of("100.00"), quantity);
            case "B" -> Line.normal("B", "pB", "s1", Money.of("60.00"), quantity);
            case "C" -> Line.normal("C", "pC", "s1", Money.of("0.01"), quantity);
            case "D1", "D2", "D3" -> Line.normal(sku, "pD", "s1", Money.of("33.33"), quantity);
            case "E" -> Line.normal("E", "pE", "s2", Money.of("50.00"), quantity);
            case "GIFT" -> new Line("GIFT", "pG", "s1", Money.of("25.00"), quantity, LineType.GIFT, "G1");
            case "ADD" -> new Line("ADD", "pH", "s1", Money.of("39.00"), quantity, LineType.ADD_ON, "AO");
            default -> throw new IllegalArgumentException(sku);
        };
    }

    static Tier amount(String threshold, String reduction) {
        return new Tier(Money.of(threshold), null, reduction == null ? null : Money.of(reduction), null);
    }

    static Tier count(int threshold, String rate) {
        return new Tier(null, threshold, null, new BigDecimal(rate));
    }

    static Offer offer(String id, String shop, PromotionType type, List<String> products, boolean repeat,
                       String max, List<Integer> levels, Instant from, Instant to, List<Gift> gifts, Tier... tiers) {
        return new Offer(id, shop, new PromotionRules(id, type, from, to, products, List.of(tiers), repeat,
                max == null ? null : Money.of(max), gifts, levels));
    }

    static Offer offer(String id, String shop, PromotionType type, List<String> products, Tier... tiers) {
        return offer(id, shop, type, products, false, null, List.of(), WEEK_AGO, WEEK_ON, List.of(), tiers);
    }

    static final Offer R1 = offer("R1", "s1", PromotionType.FULL_REDUCTION, List.of(),
            amount("300.00", "50.00"), amount("500.00", "100.00"));
    static final Offer R2 = offer("R2", "s1", PromotionType.FULL_REDUCTION, List.of(), true, "30.00", List.of(),
            WEEK_AGO, WEEK_ON, List.of(), amount("100.00", "10.00"));
    static final Offer D = offer("D", "s1", PromotionType.FULL_DISCOUNT, List.of("pB", "pD"),
            count(2, "0.9"), count(3, "0.8"));
    static final Offer Z = offer("Z", "s1", PromotionType.FULL_DISCOUNT, List.of("pC"), count(1, "0"));
    static final Offer P1 = offer("P1", null, PromotionType.FULL_REDUCTION, List.of(), amount("200.00", "20.00"));
    static final Offer P50 = offer("P50", null, PromotionType.FULL_REDUCTION, List.of(), amount("300.00", "50.00"));
    static final Offer X = offer("X", "s1", PromotionType.FULL_REDUCTION, List.of("pA", "pB"), amount("100.00", "30.00"));
    static final Offer Y = offer("Y", "s1", PromotionType.FULL_REDUCTION, List.of("pA", "pB"), amount("100.00", "30.00"));
    static final Offer M = offer("M", "s1", PromotionType.FULL_REDUCTION, List.of(), false, null, List.of(2),
            WEEK_AGO, WEEK_ON, List.of(), amount("100.00", "15.00"));
    static final Offer ENDING = offer("END", "s1", PromotionType.FULL_REDUCTION, List.of(), false, null, List.of(),
            WEEK_AGO, T, List.of(), amount("100.00", "12.00"));
    static final Offer LATER = offer("LATER", "s1", PromotionType.FULL_REDUCTION, List.of(), false, null, List.of(),
            T.plusSeconds(1), WEEK_ON, List.of(), amount("100.00", "12.00"));
    static final Offer G1 = offer("G1", "s1", PromotionType.FREE_GIFT, List.of(), false, null, List.of(), WEEK_AGO,
            WEEK_ON, List.of(new Gift("GIFT", Money.ZERO, 1)), amount("99.00", null));
    static final Offer AO = offer("AO", "s1", PromotionType.ADD_ON_PURCHASE, List.of(), false, null, List.of(),
            WEEK_AGO, WEEK_ON, List.of(new Gift("ADD", Money.of("9.90"), 2)), amount("150.00", null));
    static final Offer EVERY2 = offer("EVERY2", "s1", PromotionType.FULL_REDUCTION, List.of("pB"), true, null,
            List.of(), WEEK_AGO, WEEK_ON, List.of(), new Tier(null, 2, Money.of("5.00"), null));

    record Case(String name, List<Line> lines, Member member, List<Offer> offers, Instant at, String goods,
                String memberOff, String promotionOff, List<String> paid, List<String> applied) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Member level(Integer level, String rate) {
        return new Member(level, new BigDecimal(rate));
    }

    static Case row(String name, List<Line> lines, Member member, List<Offer> offers, Instant at, String goods,
                    String memberOff, String promotionOff, List<String> paid, String... applied) {
        return new Case(name, lines, member, offers, at, goods, memberOff, promotionOff, paid, List.of(applied));
    }

    static Stream<Case> cases() {
        Member none = Member.NONE;
        return Stream.of(
                row("1 no promotion: the list price", List.of(line("A", 1)), none, List.of(), T,
                        "100.00", "0.00", "0.00", List.of("100.00")),
                row("2 full reduction, first tier", List.of(line("A", 3)), none, List.of(R1), T,
                        "300.00", "0.00", "50.00", List.of("250.00"), "R1"),
                row("3 one fen short of the threshold", List.of(line("A", 2), line("D1", 3)), none, List.of(R1), T,
                        "299.99", "0.00", "0.00", List.of("200.00", "99.99")),
                row("4 the highest tier reached", List.of(line("A", 5)), none, List.of(R1), T,
                        "500.00", "0.00", "100.00", List.of("400.00"), "R1"),
                row("5 apportioned in proportion", List.of(line("A", 2), line("B", 2)), none, List.of(R1), T,
                        "320.00", "0.00", "50.00", List.of("168.75", "101.25"), "R1"),
                row("6 rounding: the fens left go to the largest line",
                        List.of(line("A", 3), line("D1", 1), line("D2", 1), line("D3", 1)), none, List.of(R1), T,
                        "399.99", "0.00", "50.00", List.of("262.48", "29.17", "29.17", "29.17"), "R1"),
                row("7 a line at ¥0.01 keeps its fen", List.of(line("C", 1), line("A", 3)), none, List.of(R1), T,
                        "300.01", "0.00", "50.00", List.of("0.01", "250.00"), "R1"),
                row("8 a 100% discount leaves 0.00", List.of(line("C", 5)), none, List.of(Z), T,
                        "0.05", "0.00", "0.05", List.of("0.00"), "Z"),
                row("9 every ¥100 minus ¥10", List.of(line("A", 2)), none, List.of(R2), T,
                        "200.00", "0.00", "20.00", List.of("180.00"), "R2"),
                row("10 every ¥100, capped at ¥30", List.of(line("A", 5)), none, List.of(R2), T,
                        "500.00", "0.00", "30.00", List.of("470.00"), "R2"),
                row("11 two promotions on a product: the better one", List.of(line("A", 3)), none,
                        List.of(R1, R2), T, "300.00", "0.00", "50.00", List.of("250.00"), "R1"),
                row("12 below the better one's threshold: the other", List.of(line("A", 1)), none,
                        List.of(R1, R2), T, "100.00", "0.00", "10.00", List.of("90.00"), "R2"),
                row("13 a tie: the shop's promotion before the platform's", List.of(line("A", 3)), none,
                        List.of(P50, R1), T, "300.00", "0.00", "50.00", List.of("250.00"), "R1"),
                row("14 split between two promotions beats one", List.of(line("A", 1), line("B", 2)), none,
                        List.of(X, Y), T, "220.00", "0.00", "60.00", List.of("70.00", "90.00"), "X", "Y"),
                row("15 two pieces: 9折", List.of(line("B", 2)), none, List.of(D), T,
                        "120.00", "0.00", "12.00", List.of("108.00"), "D"),
                row("16 three pieces: 8折, rounded to the fen",
                        List.of(line("D1", 1), line("D2", 1), line("D3", 1)), none, List.of(D), T,
                        "99.99", "0.00", "20.00", List.of("26.65", "26.67", "26.67"), "D"),
                row("17 member price: 95折", List.of(line("A", 1)), level(1, "0.95"), List.of(), T,
                        "100.00", "5.00", "0.00", List.of("95.00")),
                row("18 member price rounded per unit", List.of(line("D1", 3)), level(1, "0.95"), List.of(), T,
                        "99.99", "5.01", "0.00", List.of("94.98")),
                row("19 thresholds count the member price", List.of(line("A", 3)), level(1, "0.9"), List.of(R1), T,
                        "300.00", "30.00", "0.00", List.of("270.00")),
                row("20 a promotion for level 2: a level-2 buyer gets it", List.of(line("A", 1)), level(2, "1"),
                        List.of(M), T, "100.00", "0.00", "15.00", List.of("85.00"), "M"),
                row("21 ... a level-1 buyer does not", List.of(line("A", 1)), level(1, "1"), List.of(M), T,
                        "100.00", "0.00", "0.00", List.of("100.00")),
                row("22 a promotion ending during checkout: before its end", List.of(line("A", 1)), none,
                        List.of(ENDING), T.minusSeconds(1), "100.00", "0.00", "12.00", List.of("88.00"), "END"),
                row("23 ... at its end it no longer applies", List.of(line("A", 1)), none, List.of(ENDING), T,
                        "100.00", "0.00", "0.00", List.of("100.00")),
                row("24 a promotion not started yet", List.of(line("A", 1)), none, List.of(LATER), T,
                        "100.00", "0.00", "0.00", List.of("100.00")),
                row("25 a free gift over ¥99 costs 0.00", List.of(line("A", 1), line("GIFT", 1)), none,
                        List.of(G1), T, "100.00", "0.00", "0.00", List.of("100.00", "0.00")),
                row("26 an add-on at its special price, outside reductions",
                        List.of(line("A", 3), line("ADD", 2)), none, List.of(R1, AO), T,
                        "319.80", "0.00", "50.00", List.of("250.00", "19.80"), "R1"),
                row("27 a platform promotion across shops", List.of(line("A", 1), line("E", 2)), none,
                        List.of(P1), T, "200.00", "0.00", "20.00", List.of("90.00", "90.00"), "P1"),
                row("28 the shop's promotion for its goods, the platform's for the rest",
                        List.of(line("A", 3), line("E", 4)), none, List.of(R1, P1), T,
                        "500.00", "0.00", "70.00", List.of("250.00", "180.00"), "R1", "P1"),
                row("29 every 2 pieces minus ¥5", List.of(line("B", 5)), none, List.of(EVERY2), T,
                        "300.00", "0.00", "10.00", List.of("290.00"), "EVERY2"),
                row("30 member price, then the promotion on what is left", List.of(line("A", 4)),
                        level(1, "0.95"), List.of(R1), T, "400.00", "20.00", "50.00", List.of("330.00"), "R1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_buyer_gets_the_best_valid_combination_to_the_fen(Case c) {
        Goods goods = Pricing.price(c.lines(), c.member(), c.offers(), c.at());
        assertThat(goods.goodsAmount()).isEqualTo(Money.of(c.goods()));
        assertThat(goods.memberDiscount()).isEqualTo(Money.of(c.memberOff()));
        assertThat(goods.promotionDiscount()).isEqualTo(Money.of(c.promotionOff()));
        assertThat(goods.lines().stream().map(p -> p.paidAmount().toString()).toList()).isEqualTo(c.paid());
        assertThat(goods.applied().stream().map(Pricing.Applied::promotionId).toList())
                .containsExactlyInAnyOrderElementsOf(c.applied());
        Money paid = goods.lines().stream().map(Pricing.PricedLine::paidAmount).reduce(Money.ZERO, Money::plus);
        assertThat(paid).isEqualTo(goods.goodsAmount().minus(goods.memberDiscount()).minus(goods.promotionDiscount()));
        assertThat(goods.lines()).allSatisfy(p -> assertThat(p.paidAmount().isNegative()).isFalse());
    }

    static Stream<Case> refused() {
        return Stream.of(
                row("a free gift below its threshold", List.of(line("B", 1), line("GIFT", 1)), Member.NONE,
                        List.of(G1), T, null, null, null, null),
                row("an add-on over max_select", List.of(line("A", 2), line("ADD", 3)), Member.NONE, List.of(AO), T,
                        null, null, null, null),
                row("a gift of a promotion that ended", List.of(line("A", 2), line("GIFT", 1)), Member.NONE,
                        List.of(), T, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void a_gift_that_is_not_offered_is_refused(Case c) {
        assertThatThrownBy(() -> Pricing.price(c.lines(), c.member(), c.offers(), c.at()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("GIFT_NOT_OFFERED"));
    }

    @org.junit.jupiter.api.Test
    void the_cart_shows_what_is_missing_for_the_next_tier() {
        Goods goods = Pricing.price(List.of(line("A", 2), line("B", 1), line("D1", 1)), Member.NONE,
                List.of(R1, D, G1, AO, R2), T);
        List<String> texts = new ArrayList<>();
        goods.progress().forEach(p -> texts.add(p.promotionId() + " " + p.applied() + " " + p.progress()));
        assertThat(texts).containsExactlyInAnyOrder(
                "R1 false 再买¥6.67减¥50.00",
                "R2 true 每满¥100.00减¥10.00，最多减¥30.00",
                "D true 再买1件打8折",
                "G1 true 已领赠品",
                "AO true 已加价购");
    }

    @org.junit.jupiter.api.Test
    void apportioning_never_takes_more_from_a_line_than_it_costs() {
        List<Money> shares = Apportion.split(Money.of("0.02"), List.of(Money.of("0.01"), Money.of("0.01"),
                Money.of("0.01")));
        assertThat(shares).containsExactly(Money.of("0.01"), Money.of("0.01"), Money.ZERO);
        assertThat(Apportion.split(Money.of("10.00"), List.of(Money.of("3.00"), Money.of("7.00"))))
                .containsExactly(Money.of("3.00"), Money.of("7.00"));
    }
}
