package io.ordersvc.shared.checkout;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an order line is: bought goods, a gift SKU bought at a special price (加价购), or a free gift (满赠). */
public enum LineType {
    NORMAL,
    ADD_ON,
    GIFT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
