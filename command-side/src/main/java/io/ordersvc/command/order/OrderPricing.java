package io.ordersvc.command.order;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What an order costs: a pure function of its items (catalog prices of the moment, quantities), its type and the
 * points rate. No I/O, no clock: tested on a table of cases (OrderPricingTest). Checkout's promotions, coupons and
 * points deductions plug in here, between the goods amount and the amount to pay.
 */
public final class OrderPricing {

    /** One SKU as the order takes it: the catalog's price and points price, and the quantity. */
    public record Item(String skuId, Money unitPrice, Long pointsPrice, int quantity) {
    }

    /** An item with what it costs: money for a physical order, points for a points exchange. */
    public record PricedLine(Item item, Money lineTotal, long pointsTotal) {
    }

    public record Priced(List<PricedLine> lines, Money goodsAmount, Money shippingFee, Money discountAmount,
                         Money payAmount, long pointsAmount, long pointsEarned) {
    }

    private OrderPricing() {
    }

    /**
     * @param pointsPerYuan points earned per whole yuan paid (physical orders; rounded down)
     */
    public static Priced price(OrderType type, List<Item> items, BigDecimal pointsPerYuan) {
        boolean points = type == OrderType.POINTS_EXCHANGE;
        Money goods = Money.ZERO;
        long pointsAmount = 0;
        List<PricedLine> lines = new java.util.ArrayList<>(items.size());
        for (Item item : items) {
            Money lineTotal = points ? Money.ZERO : item.unitPrice().times(item.quantity());
            long pointsTotal = points ? item.pointsPrice() * item.quantity() : 0;
            goods = goods.plus(lineTotal);
            pointsAmount += pointsTotal;
            lines.add(new PricedLine(item, lineTotal, pointsTotal));
        }
        Money shipping = Money.ZERO;
        Money discount = Money.ZERO;
        Money pay = goods.plus(shipping).minus(discount);
        long earned = points ? 0 : pay.amount().multiply(pointsPerYuan).setScale(0, RoundingMode.DOWN).longValueExact();
        return new Priced(List.copyOf(lines), goods, shipping, discount, pay, pointsAmount, earned);
    }
}
