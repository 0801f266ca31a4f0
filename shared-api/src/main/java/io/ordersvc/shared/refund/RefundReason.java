package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum RefundReason {
    NO_REASON_7_DAYS, QUALITY_ISSUE, NOT_AS_DESCRIBED, OTHER;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
