package io.ordersvc.shared.order;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentMix.Share;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentMixTest {

    /** ¥70.00: 800 points paid ¥8.00, the balance ¥20.00, the channel ¥42.00. */
    static final PaymentMix MIX = new PaymentMix(Money.of("70.00"), 800, Money.of("8.00"), Money.of("20.00"),
            Money.ZERO, Money.of("42.00"), Share.NONE);

    static Share share(long points, String pointsAmount, String balance, String card, String channel) {
        return new Share(points, Money.of(pointsAmount), Money.of(balance), Money.of(card), Money.of(channel));
    }

    @Test
    void points_come_back_for_their_share_and_the_money_goes_to_the_balance_before_the_channel() {
        // 30 × 8 / 70 = 3.428… → 3.42 in points; 26.58 of money: 20.00 to the balance, 6.58 to the channel
        assertThat(MIX.split(Money.of("30.00"))).isEqualTo(share(342, "3.42", "20.00", "0.00", "6.58"));
    }

    @Test
    void later_refunds_take_what_the_earlier_ones_left() {
        PaymentMix after = MIX.after(MIX.split(Money.of("30.00")));
        assertThat(after.split(Money.of("30.00"))).isEqualTo(share(342, "3.42", "0.00", "0.00", "26.58"));
    }

    @Test
    void the_whole_total_back_returns_each_instrument_exactly_the_rounding_fen_to_the_points() {
        PaymentMix after = MIX.after(MIX.split(Money.of("33.33")));
        Share rest = after.split(Money.of("36.67"));
        Share all = MIX.split(Money.of("33.33"));
        assertThat(all.points().plus(rest.points())).isEqualTo(Money.of("8.00"));
        assertThat(all.pointsUsed() + rest.pointsUsed()).isEqualTo(800);
        assertThat(all.balance().plus(rest.balance())).isEqualTo(Money.of("20.00"));
        assertThat(all.channel().plus(rest.channel())).isEqualTo(Money.of("42.00"));
        assertThat(rest.amount()).isEqualTo(Money.of("36.67"));
    }

    @Test
    void a_gift_card_gets_its_money_back_first() {
        PaymentMix mix = new PaymentMix(Money.of("100.00"), 0, Money.ZERO, Money.of("30.00"), Money.of("50.00"),
                Money.of("20.00"), Share.NONE);
        assertThat(mix.split(Money.of("60.00"))).isEqualTo(share(0, "0.00", "10.00", "50.00", "0.00"));
    }

    @Test
    void an_order_paid_only_through_the_channel_refunds_through_it_and_never_beyond_what_is_left() {
        PaymentMix channel = new PaymentMix(Money.of("50.00"), 0, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.of("50.00"), Share.NONE);
        assertThat(channel.split(Money.of("50.00"))).isEqualTo(Share.channel(Money.of("50.00")));
        assertThatThrownBy(() -> channel.after(Share.channel(Money.of("50.00"))).split(Money.of("0.01")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void points_worth_several_per_fen_come_back_in_whole_fen() {
        PaymentMix mix = new PaymentMix(Money.of("10.00"), 5000, Money.of("10.00"), Money.ZERO, Money.ZERO,
                Money.ZERO, Share.NONE);
        assertThat(mix.split(Money.of("0.03"))).isEqualTo(share(15, "0.03", "0.00", "0.00", "0.00"));
    }
}
