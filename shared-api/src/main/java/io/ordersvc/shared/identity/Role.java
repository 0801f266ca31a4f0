package io.ordersvc.shared.identity;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum Role {
    BUYER, SELLER, ADMIN, SYSTEM;

    @JsonValue
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromClaim(String claim) {
        return valueOf(claim.toUpperCase(Locale.ROOT));
    }
}
