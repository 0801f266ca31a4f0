package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The colour a seller marks an order with in the back-office (seed 001 service_remarks flags). */
public enum SellerFlag {
    RED, YELLOW, GREEN, BLUE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SellerFlag fromValue(String value) {
        for (SellerFlag flag : values()) {
            if (flag.value().equals(value)) {
                return flag;
            }
        }
        throw new IllegalArgumentException("flag is red, yellow, green or blue");
    }
}
