package io.ordersvc.shared.groupbuy;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** The facts of group buying: a campaign's, and each group's (its own stream). */
public sealed interface GroupBuyEvent {

    // ---- the campaign (GroupBuy aggregate)

    record GroupBuyCreated(String groupBuyId, String shopId, String productId, String skuId, String productName,
                           Money listPrice, GroupBuyTerms terms, String createdBy, Instant createdAt)
            implements GroupBuyEvent {
    }

    record GroupBuyEnded(String groupBuyId, String shopId, Instant endedAt) implements GroupBuyEvent {
    }

    /** A buyer's order took units of the campaign (counted against per_buyer_limit). */
    record BuyerUnitsHeld(String groupBuyId, String buyerId, String orderId, int units) implements GroupBuyEvent {
    }

    /** The order was cancelled before its group succeeded: its units no longer count. */
    record BuyerUnitsReleased(String groupBuyId, String buyerId, String orderId, int units) implements GroupBuyEvent {
    }

    // ---- a group (Group aggregate)

    /** deadline: when its seats must be paid by (the timer's due date). */
    record GroupOpened(String groupId, String groupBuyId, String shopId, String skuId, String productName,
                       Money groupPrice, int groupSize, boolean autoFill, Instant openedAt, Instant deadline)
            implements GroupBuyEvent {
    }

    /** A seat was taken by an order; name is already masked (张**): no personal data in the group's stream. */
    record SeatTaken(String groupId, String orderId, String buyerId, String name, GroupRole role, Instant at)
            implements GroupBuyEvent {
    }

    record SeatPaid(String groupId, String orderId, int paidSeats, Instant at) implements GroupBuyEvent {
    }

    /** The order was cancelled unpaid: the seat is free for someone else. */
    record SeatReleased(String groupId, String orderId, Instant at) implements GroupBuyEvent {
    }

    /**
     * Every seat paid, or the deadline passed with auto-fill and the leader paid: filled is the number of seats the
     * platform filled. orderIds: the paid members' orders (they become shippable); cancelled: unpaid orders that
     * held a seat at an auto-filled deadline.
     */
    record GroupSucceeded(String groupId, String groupBuyId, List<String> orderIds, List<String> cancelled,
                          int filled, Instant at) implements GroupBuyEvent {
    }

    /** The deadline passed (or the leader left unpaid): every order holding a seat is cancelled or refunded. */
    record GroupFailed(String groupId, String groupBuyId, List<String> orderIds, String reason, Instant at)
            implements GroupBuyEvent {
    }
}
