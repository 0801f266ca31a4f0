package io.ordersvc.shared.coupon;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** amount: a fixed sum off (满100减10); rate: a share of the eligible goods (8折 is 0.80). */
public enum CouponType {
    AMOUNT, RATE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
