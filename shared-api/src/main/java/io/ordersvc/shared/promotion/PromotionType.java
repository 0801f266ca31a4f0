package io.ordersvc.shared.promotion;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum PromotionType {
    /** 满减: a reduction from a threshold (tiers), or for every ¥N with repeat. */
    FULL_REDUCTION,
    /** 满N件打折: a discount rate from a threshold. */
    FULL_DISCOUNT,
    /** 加价购: a gift SKU bought at a special price once the threshold is reached. */
    ADD_ON_PURCHASE,
    /** 满赠: a gift SKU for free once the threshold is reached. */
    FREE_GIFT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reduction and discount promotions take money off; a product takes part in at most one of them. */
    public boolean reduces() {
        return this == FULL_REDUCTION || this == FULL_DISCOUNT;
    }
}
