package io.ordersvc.shared.order;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** The order's facts. They carry everything a projection needs, so a replay never looks anything up. */
public sealed interface OrderEvent {

    String orderId();

    record OrderPlaced(String orderId, String orderNo, String buyerId, String shopId, OrderType orderType,
                       List<OrderLine> lines, Receiver receiver, String buyerRemark, Money goodsAmount,
                       Money shippingFee, Money discountAmount, Money payAmount, long pointsAmount,
                       long pointsEarned, Instant createdAt, Instant payableUntil) implements OrderEvent {
    }

    record OrderPaid(String orderId, Money amount, String channel, String transactionNo, Instant paidAt)
            implements OrderEvent {
    }

    /** fullyShipped: with this shipment every line has been shipped, the order is now {@code shipped}. */
    record OrderShipped(String orderId, String shipmentId, String carrierCode, String carrierName, String trackingNo,
                        List<ShipmentLine> lines, boolean fullyShipped, Instant shippedAt) implements OrderEvent {
    }

    record OrderReceiptConfirmed(String orderId, Instant confirmedAt) implements OrderEvent {
    }

    record OrderCancelled(String orderId, String reason, Instant cancelledAt) implements OrderEvent {
    }

    record OrderReviewed(String orderId, int rating, String content, Instant reviewedAt) implements OrderEvent {
    }

    record OrderDeletedByBuyer(String orderId, Instant deletedAt) implements OrderEvent {
    }
}
