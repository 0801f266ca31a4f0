package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** A price changed after placement keeps its own sums: total, invoice fee, pay and points follow. */
class PriceBreakdownTest {

    static final BigDecimal SIX_PERCENT = new BigDecimal("0.06");

    /** ¥100.00 of goods, ¥8.00 shipping, a 6 % invoice fee, ¥10.00 of it paid from the balance. */
    static PriceBreakdown placed() {
        return PriceBreakdown.of(Money.of("100.00"), Money.ZERO, Money.ZERO, Money.ZERO, Money.of("8.00"),
                Money.ZERO, SIX_PERCENT, 0, Money.ZERO, Money.of("10.00"), Money.ZERO, BigDecimal.ONE, 5);
    }

    @Test
    void a_new_shipping_fee_charges_the_invoice_fee_again_on_the_new_amount() {
        PriceBreakdown before = placed();
        assertThat(before.invoiceFee()).isEqualTo(Money.of("6.48"));
        assertThat(before.payAmount()).isEqualTo(Money.of("104.48"));
        PriceBreakdown after = before.withShippingFee(Money.of("15.50"), SIX_PERCENT, BigDecimal.ONE);
        assertThat(after).isEqualTo(PriceBreakdown.of(Money.of("100.00"), Money.ZERO, Money.ZERO, Money.ZERO,
                Money.of("15.50"), Money.ZERO, SIX_PERCENT, 0, Money.ZERO, Money.of("10.00"), Money.ZERO,
                BigDecimal.ONE, 5));
        assertThat(after.invoiceFee()).isEqualTo(Money.of("6.93"));
        assertThat(after.pointsEarned()).as("112 on pay 112.43, plus the SKUs' 5").isEqualTo(117);
    }

    @Test
    void a_seller_adjustment_moves_total_pay_and_points_and_keeps_the_skus_own_points() {
        PriceBreakdown after = placed().adjustedBy(Money.of("4.48"), BigDecimal.ONE);
        assertThat(after.sellerAdjustment()).isEqualTo(Money.of("4.48"));
        assertThat(after.totalAmount()).isEqualTo(Money.of("110.00"));
        assertThat(after.payAmount()).isEqualTo(Money.of("100.00"));
        assertThat(after.pointsEarned()).isEqualTo(105);
        assertThat(after.discountAmount()).isEqualTo(Money.of("4.48"));
    }
}
