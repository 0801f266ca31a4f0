package io.ordersvc.shared.refund;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum RefundType {
    REFUND_ONLY, RETURN_AND_REFUND;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RefundType fromValue(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
