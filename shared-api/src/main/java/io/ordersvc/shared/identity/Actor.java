package io.ordersvc.shared.identity;

import io.ordersvc.shared.error.Refusal;

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

    /**
     * The shop something a seller or an admin creates belongs to: a seller's own, or the one an admin names.
     *
     * @throws Refusal SHOP_REQUIRED when an admin names none
     */
    public String owningShop(String named) {
        String shop = role == Role.SELLER ? shopId : named;
        if (shop == null || shop.isBlank()) {
            throw Refusal.unprocessable("SHOP_REQUIRED", "an admin must name the shop_id it belongs to");
        }
        return shop;
    }

    public boolean isSellerOf(String shop) {
        return role == Role.SELLER && shop != null && shop.equals(shopId);
    }
}
