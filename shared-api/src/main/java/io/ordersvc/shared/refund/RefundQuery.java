package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** The refund read model's questions and answers. */
public sealed interface RefundQuery {

    Actor actor();

    record FindRefund(String refundId, Actor actor) implements RefundQuery {
    }

    /** status and orderId optional. */
    record ListRefunds(RefundStatus status, String orderId, int page, int size, Actor actor) implements RefundQuery {
    }

    record RefundDetail(String refundId, String orderId, String orderNo, String orderLineId, String productName,
                        String buyerId, String shopId, RefundType type, boolean goodsReceived, RefundReason reason,
                        Money amount, String note, List<String> evidenceUrls, RefundStatus status,
                        String refuseReason, String returnAddress, @JsonInclude(JsonInclude.Include.NON_NULL) ReturnParcel returnShipment, Instant createdAt,
                        Instant updatedAt, Instant refundedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) io.ordersvc.shared.order.PaymentMix.Share paidBack,
                        @JsonInclude(JsonInclude.Include.NON_NULL) RefundPayout payout,
                        List<RefundLogEntry> log, long version) {
    }

    /**
     * The money going back through the payment channel that took it.
     *
     */
    record RefundPayout(String channel, String outRequestNo, Money amount, PayoutStatus status, int attempts,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String lastError,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String channelRefundNo, Instant updatedAt) {

        public RefundPayout with(PayoutStatus status, int attempts, String lastError, String channelRefundNo, Instant at) {
            return new RefundPayout(channel, outRequestNo, amount, status, attempts, lastError, channelRefundNo, at);
        }
    }

    record ReturnParcel(String carrierCode, String carrierName, String trackingNo) {
    }

    record RefundLogEntry(Instant at, String actorRole, String actorId, String action, String message,
                          RefundStatus statusAfter) {
    }

    record RefundSummary(String refundId, String orderId, String orderNo, String orderLineId, String productName,
                         RefundType type, RefundStatus status, Money amount, Instant createdAt, long version) {
    }

    record RefundPage(List<RefundSummary> items, int page, int size, long total, int totalPages) {

        public static RefundPage of(List<RefundSummary> items, int page, int size, long total) {
            return new RefundPage(items, page, size, total, (int) ((total + size - 1) / size));
        }
    }
}
