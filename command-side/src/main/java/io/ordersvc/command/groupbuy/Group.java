package io.ordersvc.command.groupbuy;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.ExpireGroup;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.RecordSeatPaid;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupFailed;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupOpened;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupSucceeded;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatPaid;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatReleased;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatTaken;
import io.ordersvc.shared.groupbuy.GroupRole;
import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.identity.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.command.support.Guards.requireRole;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One group (拼团): seats taken by orders at placement, so a group never has more orders, and so never more paid
 * members, than its size, whatever races (a full group refuses the next order before it is paid for). Others join
 * once the leader has paid. It succeeds when every seat is paid, and fails when its deadline passes first (or
 * succeeds with the seats left filled, when the campaign auto-fills and the leader paid).
 */
@Aggregate
public class Group {

    @AggregateIdentifier
    private String groupId;
    private String groupBuyId;
    private int size;
    private boolean autoFill;
    private Instant deadline;
    private GroupStatus status;
    private String leaderOrderId;
    private final Map<String, Seat> seats = new LinkedHashMap<>();

    private record Seat(String buyerId, boolean paid) {
    }

    protected Group() {
    }

    Group(GroupOpened opened, SeatTaken leader) {
        apply(opened);
        apply(leader);
    }

    String groupBuyId() {
        return groupBuyId;
    }

    Instant deadline() {
        return deadline;
    }

    /**
     * A buyer's order takes a seat.
     *
     * @throws Refusal GROUP_NOT_FORMING, GROUP_NOT_OPEN (its leader has not paid), ALREADY_IN_GROUP, GROUP_FULL
     */
    void join(String orderId, String buyerId, String maskedName, Instant now) {
        if (status != GroupStatus.FORMING || !now.isBefore(deadline)) {
            throw Refusal.conflict("GROUP_NOT_FORMING", "group " + groupId + " is "
                    + (status == GroupStatus.FORMING ? "past its deadline " + deadline : status.value()));
        }
        if (!seats.get(leaderOrderId).paid()) {
            throw Refusal.conflict("GROUP_NOT_OPEN", "group " + groupId + " opens to others once its leader paid");
        }
        if (seats.values().stream().anyMatch(s -> s.buyerId().equals(buyerId))) {
            throw Refusal.conflict("ALREADY_IN_GROUP", "the buyer holds a seat in group " + groupId);
        }
        if (seats.size() >= size) {
            throw Refusal.conflict("GROUP_FULL", "group " + groupId + " has no seat left");
        }
        apply(new SeatTaken(groupId, orderId, buyerId, maskedName, GroupRole.MEMBER, now));
    }

    @CommandHandler
    public void handle(RecordSeatPaid cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        Seat seat = seats.get(cmd.orderId());
        if (status != GroupStatus.FORMING || seat == null || seat.paid()) {
            return; // ended meanwhile (the order is refunded by its group's end), or recorded before
        }
        Instant now = clock.instant();
        int paid = (int) seats.values().stream().filter(Seat::paid).count() + 1;
        apply(new SeatPaid(groupId, cmd.orderId(), paid, now));
        if (paid == size) {
            apply(new GroupSucceeded(groupId, groupBuyId, List.copyOf(seats.keySet()), List.of(), 0, now));
        }
    }

    /** The order was cancelled unpaid: the seat is free; the leader leaving ends the group. */
    void release(String orderId, Instant now) {
        Seat seat = seats.get(orderId);
        if (status != GroupStatus.FORMING || seat == null || seat.paid()) {
            return;
        }
        if (orderId.equals(leaderOrderId)) {
            apply(new GroupFailed(groupId, groupBuyId, List.copyOf(seats.keySet()), "leader_left", now));
        } else {
            apply(new SeatReleased(groupId, orderId, now));
        }
    }

    @CommandHandler
    public void handle(ExpireGroup cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        Instant now = clock.instant();
        if (status != GroupStatus.FORMING) {
            return;
        }
        if (now.isBefore(deadline)) {
            throw Refusal.conflict("NOT_YET_DUE", "group " + groupId + " forms until " + deadline);
        }
        List<String> paid = seats.entrySet().stream().filter(e -> e.getValue().paid()).map(Map.Entry::getKey)
                .toList();
        if (autoFill && seats.get(leaderOrderId).paid()) {
            List<String> unpaid = seats.keySet().stream().filter(id -> !paid.contains(id)).toList();
            apply(new GroupSucceeded(groupId, groupBuyId, paid, unpaid, size - paid.size(), now));
        } else {
            apply(new GroupFailed(groupId, groupBuyId, List.copyOf(seats.keySet()), "deadline", now));
        }
    }

    @EventSourcingHandler
    void on(GroupOpened e) {
        groupId = e.groupId();
        groupBuyId = e.groupBuyId();
        size = e.groupSize();
        autoFill = e.autoFill();
        deadline = e.deadline();
        status = GroupStatus.FORMING;
    }

    @EventSourcingHandler
    void on(SeatTaken e) {
        seats.put(e.orderId(), new Seat(e.buyerId(), false));
        if (e.role() == GroupRole.LEADER) {
            leaderOrderId = e.orderId();
        }
    }

    @EventSourcingHandler
    void on(SeatPaid e) {
        seats.computeIfPresent(e.orderId(), (id, s) -> new Seat(s.buyerId(), true));
    }

    @EventSourcingHandler
    void on(SeatReleased e) {
        seats.remove(e.orderId());
    }

    @EventSourcingHandler
    void on(GroupSucceeded e) {
        status = GroupStatus.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(GroupFailed e) {
        status = GroupStatus.FAILED;
    }
}
