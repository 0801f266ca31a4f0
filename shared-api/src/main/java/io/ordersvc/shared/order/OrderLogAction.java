package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an order log entry records (GET /orders/{id}/log {@code action}): one per kind of order event. */
public enum OrderLogAction {
    PLACED, PAID, SHIPPED, RECEIPT_CONFIRMED, REVIEW_WINDOW_CLOSED, AFTER_SALES_WINDOW_CLOSED, CANCELLED, REVIEWED,
    DELETED_BY_BUYER, LATE_PAYMENT, PAYMENT_REFUSED, REFUND_REQUESTED, REFUND_RETURN_REQUESTED, REFUND_REFUSED, REFUND_CANCELLED,
    REFUNDED, CLOSED, STOCK_CORRECTED, CHANGED, INVOICE_ISSUED, WAYBILL_PRINTED, RECEIPT_EXTENDED, PRICE_ADJUSTED, RECEIVER_CHANGED,
    JOINED_GROUP, LEFT_GROUP, GROUP_SUCCEEDED, GROUP_FAILED,
    TICKETS_ISSUED, TICKET_USED, TICKETS_EXPIRED, TICKET_REFUNDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderLogAction refundEnded(RefundOutcome outcome) {
        return outcome == RefundOutcome.REFUSED ? REFUND_REFUSED : REFUND_CANCELLED;
    }
}
