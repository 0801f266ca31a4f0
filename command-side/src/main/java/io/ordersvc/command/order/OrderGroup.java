package io.ordersvc.command.order;

import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.order.OrderEvent.OrderGroupSeatPaid;
import io.ordersvc.shared.order.OrderEvent.OrderGroupSettled;
import io.ordersvc.shared.order.OrderEvent.OrderJoinedGroup;
import io.ordersvc.shared.order.OrderEvent.OrderLeftGroup;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The order's seat in a group (拼团), an entity of the Order aggregate: while the group forms the order is not
 * shipped and takes no refund application; its payment and its leaving are stated on the order, so the group sweep
 * learns of them from the order's own events.
 */
class OrderGroup {

    private String orderId;
    private String groupId;
    private String groupBuyId;
    private int units;
    private GroupStatus status;
    private boolean left;

    boolean forming() {
        return status == GroupStatus.FORMING;
    }

    boolean member() {
        return groupId != null;
    }

    /** The order was paid: a forming group's seat is paid. */
    void paid(Instant now) {
        if (forming()) {
            apply(new OrderGroupSeatPaid(orderId, groupId, now));
        }
    }

    /** The order is cancelled or fully refunded: once, its seat and units go back. */
    void leave(Instant now) {
        if (member() && !left && status != GroupStatus.SUCCEEDED) {
            apply(new OrderLeftGroup(orderId, groupId, groupBuyId, units, now));
        }
    }

    /** @return false when the group's outcome was recorded before (nothing to do again) */
    boolean settle(GroupStatus outcome, Instant now) {
        if (!forming()) {
            return false;
        }
        apply(new OrderGroupSettled(orderId, groupId, outcome, now));
        return true;
    }

    @EventSourcingHandler
    void on(OrderJoinedGroup e) {
        orderId = e.orderId();
        groupId = e.groupId();
        groupBuyId = e.groupBuyId();
        units = e.units();
        status = GroupStatus.FORMING;
    }

    @EventSourcingHandler
    void on(OrderGroupSettled e) {
        status = e.outcome();
    }

    @EventSourcingHandler
    void on(OrderLeftGroup e) {
        left = true;
    }
}
