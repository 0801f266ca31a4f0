package io.ordersvc.shared.refund;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public sealed interface RefundCommand extends ActorAware {

    String refundId();

    record ApplyRefund(@TargetAggregateIdentifier String refundId, String orderId, String orderLineId,
                       RefundType type, boolean goodsReceived, RefundReason reason, Money amount, String note,
                       List<String> evidenceUrls, Actor actor) implements RefundCommand {
    }

    record CancelRefund(@TargetAggregateIdentifier String refundId, Actor actor) implements RefundCommand {
    }

    record RefuseRefund(@TargetAggregateIdentifier String refundId, String reason, Actor actor)
            implements RefundCommand {
    }

    /**
     * returnAddress, or returnAddressId (one of the shop's), or neither (the shop's default): where the goods of a
     * return_and_refund go; ignored for refund_only.
     */
    record ApproveRefund(@TargetAggregateIdentifier String refundId, String returnAddress, String returnAddressId,
                         Actor actor)
            implements RefundCommand {
    }

    record ShipReturn(@TargetAggregateIdentifier String refundId, String carrierCode, String carrierName,
                      String trackingNo, Actor actor) implements RefundCommand {
    }

    record ConfirmReturn(@TargetAggregateIdentifier String refundId, Actor actor) implements RefundCommand {
    }

    /** The payout process: the channel paid the money back (channelRefundNo: the channel's number for it). */
    record ConfirmPayout(@TargetAggregateIdentifier String refundId, String payoutId, String channelRefundNo,
                         int attempts, Actor actor) implements RefundCommand {
    }

    /** The payout process: the channel refused for good, or every attempt failed; an admin may retry. */
    record FailPayout(@TargetAggregateIdentifier String refundId, String payoutId, String reason, int attempts,
                      Actor actor) implements RefundCommand {
    }

    /** POST /refunds/{id}/payout/retry (admin): a failed payout is tried again from now. */
    record RetryPayout(@TargetAggregateIdentifier String refundId, Actor actor) implements RefundCommand {
    }
}
