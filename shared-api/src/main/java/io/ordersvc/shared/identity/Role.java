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

    /** The claims as constants, for annotations that name the roles an endpoint admits. */
    public static final class Claims {
        public static final String BUYER = "buyer";
        public static final String SELLER = "seller";
        public static final String ADMIN = "admin";
        public static final String SYSTEM = "system";

        private Claims() {
        }
    }
}
