package io.ordersvc.shared.refund;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** A refund's own stream. RefundApplied copies what the read model and access checks need from the order. */
public sealed interface RefundEvent {

    String refundId();

    record RefundApplied(String refundId, String orderId, String orderNo, String orderLineId, String productName,
                         String buyerId, String shopId, RefundType type, boolean goodsReceived, RefundReason reason,
                         Money amount, String note, List<String> evidenceUrls, Instant appliedAt)
            implements RefundEvent {
    }

    record RefundCancelled(String refundId, Instant cancelledAt) implements RefundEvent {
    }

    record RefundRefused(String refundId, String reason, Instant refusedAt) implements RefundEvent {
    }

    /** For return_and_refund: the buyer is to send the goods to returnAddress. */
    record ReturnRequested(String refundId, String returnAddress, Instant approvedAt) implements RefundEvent {
    }

    record ReturnShipped(String refundId, String carrierCode, String carrierName, String trackingNo,
                         Instant shippedAt) implements RefundEvent {
    }

    /** The money goes back: approved refund_only, or return_and_refund once the seller confirmed the return. */
    record RefundCompleted(String refundId, Money amount, Instant refundedAt) implements RefundEvent {
    }

    /**
     * How the money went back, in the payout's transaction (API.md: the gift card first, then the balance, then the
     * channel; the points that paid the refunded share come back too).
     */
    record RefundPaidBack(String refundId, io.ordersvc.shared.order.PaymentMix.Share back, Instant at)
            implements RefundEvent {
    }

    /**
     * The channel's share of the refund is to be paid back through the channel that took the money: the refund is
     * refunding until the channel confirms. payoutId is the out_request_no the channel sees (idempotent on it).
     */
    record RefundPayoutStarted(String refundId, String orderId, String payNo, String payoutId,
                               io.ordersvc.shared.order.PaymentChannel channel, String tradeNo, Money amount,
                               Instant at) implements RefundEvent {
    }

    record RefundPayoutSucceeded(String refundId, String payoutId, String channelRefundNo, int attempts, Instant at)
            implements RefundEvent {
    }

    record RefundPayoutFailed(String refundId, String payoutId, String reason, int attempts, Instant at)
            implements RefundEvent {
    }

    record RefundPayoutRetried(String refundId, String payoutId, String retriedBy, Instant at)
            implements RefundEvent {
    }
}
