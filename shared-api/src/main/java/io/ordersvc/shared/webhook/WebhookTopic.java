package io.ordersvc.shared.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** What a webhook may subscribe to: one per kind of order and refund event a subscriber acts on. */
public enum WebhookTopic {
    ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_COMPLETED, ORDER_CANCELLED, ORDER_CLOSED,
    REFUND_APPLIED, REFUND_REFUSED, REFUND_CANCELLED, REFUND_REFUNDED, REFUND_PAID_OUT;

    /** order.paid, refund.paid_out */
    @JsonValue
    public String value() {
        String name = name().toLowerCase(Locale.ROOT);
        int cut = name.indexOf('_');
        return name.substring(0, cut) + "." + name.substring(cut + 1);
    }

    @JsonCreator
    public static WebhookTopic fromValue(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown webhook event " + value));
    }
}
