package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a payment came from. The gateways that report payments with POST /orders/{id}/pay name their channel;
 * the channel-specific ones are those the payment requests of wave 2 sign for.
 */
public enum PaymentChannel {
    ALIPAY, WECHAT, UNIONPAY, LIANLIAN, ALIPAY_APP, ALIPAY_WAP, WECHAT_APP, WECHAT_JSAPI, LIANLIAN_QUICK, SIMULATOR,
    /** Nothing to collect: a checkout whose pay_amount is 0.00 is paid when it is placed. */
    NONE;

    /** The channels this service asks for money itself, and so pays refunds back through. */
    public boolean paysOut() {
        return switch (this) {
            case ALIPAY_APP, ALIPAY_WAP, WECHAT_APP, WECHAT_JSAPI, LIANLIAN_QUICK, SIMULATOR -> true;
            default -> false;
        };
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentChannel fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
