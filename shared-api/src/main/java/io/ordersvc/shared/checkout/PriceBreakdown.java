package io.ordersvc.shared.checkout;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * An order's price (API.md {@code price}, seed 003 order_price): what the goods cost, every discount, shipping, the
 * invoice fee, what the buyer's assets pay and what a payment channel collects. The totals are derived here, once:
 * total = goods − member − promotion − coupon − seller adjustment + shipping − shipping discount + invoice fee; pay =
 * total − points − balance − gift card.
 *
 * @param sellerAdjustment what the seller took off an unpaid order (改价; negative: an admin added to it)
 * @param pointsUsed   points spent: a points exchange's price, or points paying part of the total
 * @param pointsEarned points the buyer earns when the order completes
 */
public record PriceBreakdown(Money goodsAmount, Money memberDiscount, Money promotionDiscount, Money couponDiscount,
                             Money sellerAdjustment, Money shippingFee, Money shippingDiscount, Money invoiceFee, Money totalAmount,
                             long pointsUsed, Money pointsAmount, Money balanceAmount, Money giftCardAmount,
                             Money payAmount, long pointsEarned) {

    public PriceBreakdown {
        sellerAdjustment = sellerAdjustment == null ? Money.ZERO : sellerAdjustment; // prices stored before it
    }

    /** The price of an order stored before orders carried one: goods, shipping and one discount (zero then). */
    public static PriceBreakdown legacy(Money goods, Money shipping, Money discount, Money pay, long pointsUsed,
                                        long pointsEarned) {
        return new PriceBreakdown(goods, Money.ZERO, discount, Money.ZERO, Money.ZERO, shipping, Money.ZERO,
                Money.ZERO, pay,
                pointsUsed, Money.ZERO, Money.ZERO, Money.ZERO, pay, pointsEarned);
    }

    /**
     * @param invoiceFeeRate the share of the total charged for an invoice (0 when none is asked)
     * @param pointsPerYuan  points earned per whole yuan paid, besides the SKUs' own give_points
     * @param givePoints     the SKUs' give_points times their quantities
     */
    public static PriceBreakdown of(Money goods, Money member, Money promotion, Money coupon, Money shipping,
                                    Money shippingDiscount, BigDecimal invoiceFeeRate, long pointsUsed,
                                    Money pointsAmount, Money balance, Money giftCard, BigDecimal pointsPerYuan,
                                    long givePoints) {
        Money beforeInvoice = goods.minus(member).minus(promotion).minus(coupon).plus(shipping).minus(shippingDiscount);
        Money invoiceFee = new Money(beforeInvoice.amount().multiply(invoiceFeeRate).setScale(2, RoundingMode.HALF_UP));
        Money total = beforeInvoice.plus(invoiceFee);
        Money pay = total.minus(pointsAmount).minus(balance).minus(giftCard);
        long earned = pay.amount().multiply(pointsPerYuan).setScale(0, RoundingMode.DOWN).longValueExact() + givePoints;
        return new PriceBreakdown(goods, member, promotion, coupon, Money.ZERO, shipping, shippingDiscount, invoiceFee,
                total,
                pointsUsed, pointsAmount, balance, giftCard, pay, earned);
    }

    /**
     * The same price with the buyer's assets paying part of the total: pay and points earned follow.
     *
     * @param pointsUsed every point the order spends (a points exchange's price included)
     */
    public PriceBreakdown paidWith(long pointsUsed, Money points, Money balance, Money giftCard,
                                   BigDecimal pointsPerYuan, long givePoints) {
        Money pay = totalAmount.minus(points).minus(balance).minus(giftCard);
        long earned = pay.amount().multiply(pointsPerYuan).setScale(0, RoundingMode.DOWN).longValueExact() + givePoints;
        return new PriceBreakdown(goodsAmount, memberDiscount, promotionDiscount, couponDiscount, sellerAdjustment,
                shippingFee, shippingDiscount, invoiceFee, totalAmount, pointsUsed, points, balance, giftCard, pay,
                earned);
    }

    /**
     * The same price with the seller taking {@code off} more off the goods (negative: adding to them); the total,
     * pay and the points earned on pay follow, the SKUs' own give_points stay.
     */
    public PriceBreakdown adjustedBy(Money off, BigDecimal pointsPerYuan) {
        Money pay = payAmount.minus(off);
        return new PriceBreakdown(goodsAmount, memberDiscount, promotionDiscount, couponDiscount,
                sellerAdjustment.plus(off), shippingFee, shippingDiscount, invoiceFee, totalAmount.minus(off),
                pointsUsed, pointsAmount, balanceAmount, giftCardAmount, pay, reearned(pay, pointsPerYuan));
    }

    /**
     * The same price with another shipping fee (an adjustment, or a receiver in another region): the invoice fee is
     * charged again on the new amount, as {@link #of} charges it.
     *
     * @param invoiceFeeRate the share charged for the invoice the order asked for (0 when none)
     */
    public PriceBreakdown withShippingFee(Money fee, BigDecimal invoiceFeeRate, BigDecimal pointsPerYuan) {
        Money beforeInvoice = totalAmount.minus(invoiceFee).plus(fee.minus(shippingFee));
        Money invoice = new Money(beforeInvoice.amount().multiply(invoiceFeeRate).setScale(2, RoundingMode.HALF_UP));
        Money total = beforeInvoice.plus(invoice);
        Money pay = total.minus(pointsAmount).minus(balanceAmount).minus(giftCardAmount);
        return new PriceBreakdown(goodsAmount, memberDiscount, promotionDiscount, couponDiscount, sellerAdjustment,
                fee, shippingDiscount, invoice, total, pointsUsed, pointsAmount, balanceAmount, giftCardAmount, pay,
                reearned(pay, pointsPerYuan));
    }

    private long reearned(Money pay, BigDecimal pointsPerYuan) {
        long givePoints = Math.max(0, pointsEarned - earnedOn(payAmount, pointsPerYuan));
        return earnedOn(pay, pointsPerYuan) + givePoints;
    }

    private static long earnedOn(Money pay, BigDecimal pointsPerYuan) {
        return pay.isNegative() ? 0 : pay.amount().multiply(pointsPerYuan).setScale(0, RoundingMode.DOWN)
                .longValueExact();
    }

    /** Member, promotion, coupon, seller and shipping discounts: what the order was sold below its list price. */
    public Money discountAmount() {
        return memberDiscount.plus(promotionDiscount).plus(couponDiscount).plus(sellerAdjustment)
                .plus(shippingDiscount);
    }

    /** The price of several orders together (a checkout's total). */
    public static PriceBreakdown sum(List<PriceBreakdown> parts) {
        PriceBreakdown total = new PriceBreakdown(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, 0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, 0);
        for (PriceBreakdown p : parts) {
            total = new PriceBreakdown(total.goodsAmount.plus(p.goodsAmount),
                    total.memberDiscount.plus(p.memberDiscount), total.promotionDiscount.plus(p.promotionDiscount),
                    total.couponDiscount.plus(p.couponDiscount), total.sellerAdjustment.plus(p.sellerAdjustment),
                    total.shippingFee.plus(p.shippingFee),
                    total.shippingDiscount.plus(p.shippingDiscount), total.invoiceFee.plus(p.invoiceFee),
                    total.totalAmount.plus(p.totalAmount), total.pointsUsed + p.pointsUsed,
                    total.pointsAmount.plus(p.pointsAmount), total.balanceAmount.plus(p.balanceAmount),
                    total.giftCardAmount.plus(p.giftCardAmount), total.payAmount.plus(p.payAmount),
                    total.pointsEarned + p.pointsEarned);
        }
        return total;
    }
}
