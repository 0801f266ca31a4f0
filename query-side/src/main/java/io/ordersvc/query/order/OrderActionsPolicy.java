package io.ordersvc.query.order;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderRules;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderViews.Actions;
import io.ordersvc.shared.order.OrderViews.LineView;

import java.time.Instant;
import java.util.List;

/** What the caller may do with an order right now: {@link OrderRules} on the facts the read model holds. */
final class OrderActionsPolicy {

    private OrderActionsPolicy() {
    }

    static Actions of(OrderViewEntity o, List<LineView> lines, Actor actor, Instant now) {
        return OrderRules.actions(facts(o, lines), actor, now);
    }

    static OrderRules.Facts facts(OrderViewEntity o, List<LineView> lines) {
        boolean reviewed = o.reviewRating != null;
        boolean lineRefundable = !o.ticketOrder && lines.stream().anyMatch(l -> l.paidAmount().compareTo(l.refundedAmount()) > 0
                && !l.refundState().open());
        return new OrderRules.Facts(o.orderId, o.buyerId, o.shopId, OrderStatus.fromValue(o.status), o.payableUntil,
                o.refundInProgress, reviewed, !o.reviewPending && !reviewed,
                o.afterSalesUntil, o.afterSalesClosed,
                lineRefundable, o.deletedByBuyer, OrderStatus.SHIPPED.value().equals(o.status) ? o.autoConfirmAt : null,
                o.receiptExtended, io.ordersvc.shared.groupbuy.GroupStatus.FORMING.value().equals(o.groupStatus),
                o.ticketOrder);
    }
}
