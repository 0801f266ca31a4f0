package io.ordersvc.shared.checkout;

import io.ordersvc.shared.checkout.AssetSplit.Part;
import io.ordersvc.shared.checkout.AssetSplit.PointsRate;
import io.ordersvc.shared.money.Money;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetSplitTest {

    static final PointsRate HUNDRED = new PointsRate(100);

    static Part part(String total, String cap) {
        return new Part(Money.of(total), Money.of(cap));
    }

    static List<Money> money(String... amounts) {
        return java.util.Arrays.stream(amounts).map(Money::of).toList();
    }

    @Test
    void a_rate_prices_points_to_the_fen_or_is_refused() {
        assertThat(HUNDRED.value(250)).isEqualTo(Money.of("2.50"));
        assertThat(HUNDRED.yuanPer100()).isEqualTo(Money.of("1.00"));
        PointsRate fiveHundred = new PointsRate(500);
        assertThat(fiveHundred.pointsPerFen()).isEqualTo(5);
        assertThat(fiveHundred.wholeFen(1005)).isTrue();
        assertThat(fiveHundred.wholeFen(1003)).isFalse();
        assertThat(fiveHundred.value(1005)).isEqualTo(Money.of("2.01"));
        assertThat(fiveHundred.points(Money.of("2.01"))).isEqualTo(1005);
        assertThat(fiveHundred.yuanPer100()).isEqualTo(Money.of("0.20"));
        for (long bad : new long[]{0, 50, 150, 300, 700, 20_000}) {
            assertThatThrownBy(() -> new PointsRate(bad)).as("%d", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void points_split_over_orders_by_what_each_may_take_and_the_balance_over_what_is_left() {
        List<AssetSplit.Problem> problems = new ArrayList<>();
        AssetSplit.Split split = AssetSplit.split(List.of(part("100.00", "30.00"), part("50.00", "10.00")), 2000,
                Money.of("100.00"), Money.ZERO, HUNDRED, problems);
        assertThat(problems).isEmpty();
        assertThat(split.pointsAmount()).isEqualTo(money("15.00", "5.00"));
        assertThat(split.pointsUsed()).containsExactly(1500L, 500L);
        // left: 85.00 and 45.00; 100 × 85/130 = 65.38, 100 × 45/130 = 34.61, the fen left on the larger
        assertThat(split.balance()).isEqualTo(money("65.39", "34.61"));
    }

    @Test
    void the_last_fen_never_takes_an_order_past_its_cap() {
        List<AssetSplit.Problem> problems = new ArrayList<>();
        AssetSplit.Split split = AssetSplit.split(List.of(part("10.00", "0.01"), part("10.00", "0.02"),
                part("10.00", "0.00")), 3, Money.ZERO, Money.ZERO, HUNDRED, problems);
        assertThat(split.pointsAmount()).isEqualTo(money("0.01", "0.02", "0.00"));
    }

    @Test
    void a_cap_above_the_total_is_the_total_and_everything_may_be_paid_so() {
        List<AssetSplit.Problem> problems = new ArrayList<>();
        AssetSplit.Split split = AssetSplit.split(List.of(part("8.00", "20.00")), 500, Money.of("2.00"),
                Money.of("1.00"), HUNDRED, problems);
        assertThat(problems).isEmpty();
        assertThat(split.pointsAmount()).isEqualTo(money("5.00"));
        assertThat(split.balance()).isEqualTo(money("2.00"));
        assertThat(split.giftCard()).as("the card pays after the balance").isEqualTo(money("1.00"));
    }

    @Test
    void asking_more_than_may_pay_or_a_fraction_of_a_fen_is_a_problem_and_that_asset_pays_nothing() {
        List<AssetSplit.Problem> problems = new ArrayList<>();
        AssetSplit.Split split = AssetSplit.split(List.of(part("100.00", "30.00")), 3001, Money.of("100.01"),
                Money.of("100.01"), HUNDRED, problems);
        assertThat(problems).extracting(AssetSplit.Problem::code)
                .containsExactly("POINTS_OVER_LIMIT", "BALANCE_OVER_TOTAL", "GIFT_CARD_OVER_TOTAL");
        assertThat(split.pointsAmount()).isEqualTo(money("0.00"));
        assertThat(split.balance()).isEqualTo(money("0.00"));

        problems.clear();
        AssetSplit.split(List.of(part("100.00", "30.00")), 1003, Money.ZERO, Money.ZERO, new PointsRate(500),
                problems);
        assertThat(problems).extracting(AssetSplit.Problem::code).containsExactly("INVALID_POINTS");
    }
}
