package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum RefundReason {
    NO_REASON_7_DAYS, QUALITY_ISSUE, NOT_AS_DESCRIBED, OTHER,
    /** The platform refunds a paid order of a group that failed; buyers do not apply with it. */
    GROUP_FAILED,
    /** An unused e-ticket given back (POST /tickets/{code}/refund); buyers do not apply with it either. */
    TICKET_RETURNED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
