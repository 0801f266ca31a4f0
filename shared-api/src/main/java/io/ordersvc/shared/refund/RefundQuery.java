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
                        List<RefundLogEntry> log, long version) {
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
