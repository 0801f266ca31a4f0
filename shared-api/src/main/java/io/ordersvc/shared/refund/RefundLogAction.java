package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a refund log entry records: one per kind of refund event. */
public enum RefundLogAction {
    APPLIED, CANCELLED, REFUSED, APPROVED, RETURN_SHIPPED, REFUNDED, PAID_BACK, PAYOUT_STARTED, PAYOUT_SUCCEEDED,
    PAYOUT_FAILED, PAYOUT_RETRIED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
