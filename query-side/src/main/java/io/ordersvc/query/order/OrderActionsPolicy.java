package io.ordersvc.query.order;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.order.OrderViews.Actions;

import io.ordersvc.shared.order.OrderViews.LineView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What the caller may do with an order right now; mirrors the command side's rules for the UI's buttons. */
final class OrderActionsPolicy {

    private static final Set<String> DELETABLE = Set.of("completed", "cancelled", "closed");

    private OrderActionsPolicy() {
    }

    static Actions of(OrderViewEntity o, List<LineView> lines, Actor actor, Instant now, Duration afterSalesWindow) {
        boolean owner = actor.isBuyer(o.buyerId);
        boolean seller = actor.isSellerOf(o.shopId);
        boolean admin = actor.is(Role.ADMIN);
        boolean pending = "pending_payment".equals(o.status);
        return new Actions(
                pending && (admin || actor.is(Role.SYSTEM)) && !now.isAfter(o.payableUntil),
                pending && (owner || seller || admin),
                "to_ship".equals(o.status) && (seller || admin),
                "shipped".equals(o.status) && (owner || admin) && !o.refundInProgress,
                "completed".equals(o.status) && owner && o.reviewPending,
                (owner || admin) && canApplyRefund(o, lines, now, afterSalesWindow),
                owner && DELETABLE.contains(o.status) && !o.deletedByBuyer);
    }

    /** Some line has money left to refund and no open refund, on a paid order within the after-sales window. */
    private static boolean canApplyRefund(OrderViewEntity o, List<LineView> lines, Instant now, Duration window) {
        boolean paid = Set.of("to_ship", "shipped").contains(o.status)
                || ("completed".equals(o.status) && !o.afterSalesClosed && !now.isAfter(o.completedAt.plus(window)));
        return paid && lines.stream().anyMatch(l -> l.lineTotal().compareTo(l.refundedAmount()) > 0
                && !Set.of("applying", "refunding").contains(l.refundState()));
    }
}
