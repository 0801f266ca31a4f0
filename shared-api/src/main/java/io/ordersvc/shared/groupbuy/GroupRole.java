package io.ordersvc.shared.groupbuy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The leader opened the group (团长); members joined it. */
public enum GroupRole {
    LEADER, MEMBER;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
