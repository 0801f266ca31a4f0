package io.ordersvc.shared.groupbuy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A group (拼团) is forming until its seats are paid (succeeded) or its deadline passes first (failed). */
public enum GroupStatus {
    FORMING, SUCCEEDED, FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
