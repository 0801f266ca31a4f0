package io.ordersvc.shared.identity;

/**
 * Whose orders and refunds a caller sees: a buyer their own, a seller their shop's, an admin and the system
 * everything. The one statement of that rule: aggregates check {@link #includes}, queries filter by
 * {@link #buyerId()} and {@link #shopId()} (null: no restriction).
 */
public record Scope(String buyerId, String shopId) {

    private static final Scope ALL = new Scope(null, null);

    public static Scope of(Actor actor) {
        return switch (actor.role()) {
            case BUYER -> new Scope(actor.id(), null);
            case SELLER -> new Scope(null, actor.shopId());
            case ADMIN, SYSTEM -> ALL;
        };
    }

    /** Whether something of this buyer and shop is within the scope. */
    public boolean includes(String buyer, String shop) {
        return (buyerId == null || buyerId.equals(buyer)) && (shopId == null || shopId.equals(shop));
    }

    public boolean all() {
        return buyerId == null && shopId == null;
    }
}
