package io.ordersvc.query.order;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.order.OrderViews.Actions;

import java.time.Instant;
import java.util.Set;

/** What the caller may do with an order right now; mirrors the command side's rules for the UI's buttons. */
final class OrderActionsPolicy {

    private static final Set<String> DELETABLE = Set.of("completed", "cancelled", "closed");

    private OrderActionsPolicy() {
    }

    static Actions of(OrderViewEntity o, Actor actor, Instant now) {
        boolean owner = actor.isBuyer(o.buyerId);
        boolean seller = actor.isSellerOf(o.shopId);
        boolean admin = actor.is(Role.ADMIN);
        boolean pending = "pending_payment".equals(o.status);
        return new Actions(
                pending && (admin || actor.is(Role.SYSTEM)) && !now.isAfter(o.payableUntil),
                pending && (owner || seller || admin),
                "to_ship".equals(o.status) && (seller || admin),
                "shipped".equals(o.status) && (owner || admin) && !o.refundInProgress,
                "completed".equals(o.status) && owner && o.reviewRating == null,
                false, // refunds (after-sales) are not offered yet
                owner && DELETABLE.contains(o.status) && !o.deletedByBuyer);
    }
}
