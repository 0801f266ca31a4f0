package io.ordersvc.shared.promotion;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;

public enum PromotionStatus {
    SCHEDULED,
    RUNNING,
    ENDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param endsAt the end it was created with, or the moment it was ended, whichever came first */
    public static PromotionStatus at(Instant now, Instant startsAt, Instant endsAt) {
        if (!now.isBefore(endsAt)) {
            return ENDED;
        }
        return now.isBefore(startsAt) ? SCHEDULED : RUNNING;
    }
}
