package io.ordersvc.shared.coupon;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a coupon the buyer holds cannot pay for these goods now (API.md "unusable_reason"). */
public enum UnusableReason {
    BELOW_MIN_SPEND, NOT_STARTED, EXPIRED, WRONG_CATEGORY, WRONG_SHOP, LEVEL_TOO_LOW, ALREADY_USED;

    @JsonValue
    public String value() {
        return name();
    }
}
