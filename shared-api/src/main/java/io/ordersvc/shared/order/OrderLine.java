package io.ordersvc.shared.order;

import io.ordersvc.shared.checkout.LineType;
import io.ordersvc.shared.money.Money;

import java.util.Map;

/**
 * A line as sold: names, properties and prices are snapshots taken from the catalog when the order was placed.
 * lineTotal is the list price (or the gift's price) times the quantity; discountShare the member, promotion and coupon
 * discounts apportioned to it; paidAmount what was really paid for it, which bounds its refunds.
 *
 * @param promotionId the promotion that reduced it, or the one its add-on or gift line was taken under
 */
public record OrderLine(String lineId, String productId, String skuId, String skuCode, String productName,
                        String imageUrl, Map<String, String> properties, Money unitPrice, Long pointsPrice,
                        int quantity, Money lineTotal, LineType lineType, Money memberPrice, Money discountShare,
                        Money paidAmount, String promotionId) {

    public OrderLine {
        lineType = lineType == null ? LineType.NORMAL : lineType;
        memberPrice = memberPrice == null ? unitPrice : memberPrice;
        discountShare = discountShare == null ? Money.ZERO : discountShare;
        paidAmount = paidAmount == null ? lineTotal.minus(discountShare) : paidAmount;
    }

    /** A normal line without discounts: paid at its list price. */
    public OrderLine(String lineId, String productId, String skuId, String skuCode, String productName,
                     String imageUrl, Map<String, String> properties, Money unitPrice, Long pointsPrice, int quantity,
                     Money lineTotal) {
        this(lineId, productId, skuId, skuCode, productName, imageUrl, properties, unitPrice, pointsPrice, quantity,
                lineTotal, LineType.NORMAL, unitPrice, Money.ZERO, lineTotal, null);
    }
}
