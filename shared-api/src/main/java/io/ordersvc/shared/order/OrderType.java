package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum OrderType {
    /** Paid in money. */
    PHYSICAL,
    /** Goods bought with points (seed 001's 积分兑换); money covers only the shipping fee. */
    POINTS_EXCHANGE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderType fromValue(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
