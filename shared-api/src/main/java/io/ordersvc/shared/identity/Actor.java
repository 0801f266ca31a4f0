package io.ordersvc.shared.identity;

import java.util.Objects;

/**
 * Who sends a command or a query: taken from the caller's token, never from the request body.
 * shopId is set for sellers only.
 */
public record Actor(String id, Role role, String shopId) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    public static Actor system(String id) {
        return new Actor(id, Role.SYSTEM, null);
    }

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isBuyer(String buyerId) {
        return role == Role.BUYER && id.equals(buyerId);
    }

    public boolean isSellerOf(String shop) {
        return role == Role.SELLER && shop != null && shop.equals(shopId);
    }
}
