package io.ordersvc.command.groupbuy;

import io.ordersvc.command.groupbuy.GroupTaskTable.Kind;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupFailed;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupOpened;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupSucceeded;
import io.ordersvc.shared.order.OrderEvent.OrderGroupSeatPaid;
import io.ordersvc.shared.order.OrderEvent.OrderLeftGroup;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The steps a group's facts ask for, written by a subscribing handler in the transaction that stores the fact: the
 * deadline when it opens, a seat paid or given back when its order says so, each order's settlement when it ends.
 * {@link GroupSweep} carries them out. Nothing here for any other order: an order outside a group costs nothing.
 */
@Component
@ProcessingGroup(GroupTasks.GROUP)
class GroupTasks {

    static final String GROUP = "group-tasks";
    private final GroupTaskTable table;
    private final GroupSweep sweep;

    GroupTasks(GroupTaskTable table, GroupSweep sweep) {
        this.table = table;
        this.sweep = sweep;
    }

    /** Once the fact and its step are committed, this instance carries the step out without waiting for a poll. */
    private void soon() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> sweep.nudge());
        }
    }

    @EventHandler
    void on(GroupOpened e) {
        table.add(Kind.DEADLINE, e.groupId(), e.groupBuyId(), null, e.deadline());
    }

    @EventHandler
    void on(OrderGroupSeatPaid e) {
        table.add(Kind.SEAT_PAID, e.groupId(), null, e.orderId(), e.at());
        soon();
    }

    @EventHandler
    void on(OrderLeftGroup e) {
        table.add(Kind.SEAT_RELEASED, e.groupId(), e.groupBuyId(), e.orderId(), e.at());
        soon();
    }

    @EventHandler
    void on(GroupSucceeded e) {
        table.dropDeadline(e.groupId());
        e.orderIds().forEach(id -> table.add(Kind.SETTLE_SUCCEEDED, e.groupId(), e.groupBuyId(), id, e.at()));
        e.cancelled().forEach(id -> table.add(Kind.SETTLE_SUCCEEDED, e.groupId(), e.groupBuyId(), id, e.at()));
        soon();
    }

    @EventHandler
    void on(GroupFailed e) {
        table.dropDeadline(e.groupId());
        e.orderIds().forEach(id -> table.add(Kind.SETTLE_FAILED, e.groupId(), e.groupBuyId(), id, e.at()));
        soon();
    }
}
