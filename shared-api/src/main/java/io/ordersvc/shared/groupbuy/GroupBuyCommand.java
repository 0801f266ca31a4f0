package io.ordersvc.shared.groupbuy;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of group buying: the seller's campaigns, and the steps the group sweep takes (actor: the system). */
public sealed interface GroupBuyCommand extends ActorAware {

    record CreateGroupBuy(@TargetAggregateIdentifier String groupBuyId, String skuId, GroupBuyTerms terms,
                          Actor actor) implements GroupBuyCommand {
    }

    /** The seller stops opening new groups now; groups already forming go on until their deadline. */
    record EndGroupBuy(@TargetAggregateIdentifier String groupBuyId, Actor actor) implements GroupBuyCommand {
    }

    /** A member's order was paid: the seat is paid; the last seat paid makes the group succeed. */
    record RecordSeatPaid(@TargetAggregateIdentifier String groupId, String orderId, Actor actor)
            implements GroupBuyCommand {
    }

    /** A member's order was cancelled unpaid: the seat and the buyer's units in the campaign are free again. */
    record ReleaseSeat(String groupBuyId, @TargetAggregateIdentifier String groupId, String orderId, Actor actor)
            implements GroupBuyCommand {
    }

    /** The group's deadline passed: it fails, or succeeds auto-filled; nothing when it ended before. */
    record ExpireGroup(@TargetAggregateIdentifier String groupId, Actor actor) implements GroupBuyCommand {
    }

    /**
     * The group of this order ended: a succeeded group's orders become shippable; a failed group's order is
     * cancelled when unpaid, refunded in full when paid.
     */
    record SettleGroupOrder(@TargetAggregateIdentifier String orderId, String groupId, GroupStatus outcome,
                            Actor actor) implements GroupBuyCommand {
    }
}
