package io.ordersvc.command.groupbuy;

import io.ordersvc.command.catalog.Product;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.order.Order;
import io.ordersvc.command.order.OrderPlacement;
import io.ordersvc.command.refund.RefundHandler;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.command.support.LockOrder.Rank;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.CreateGroupBuy;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.ReleaseSeat;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.SettleGroupOrder;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupBuyCreated;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupOpened;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatTaken;
import io.ordersvc.shared.groupbuy.GroupRole;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderEvent.OrderJoinedGroup;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.refund.RefundReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ordersvc.command.support.Guards.requireRole;

/**
 * Group buying's multi-aggregate steps: a campaign checked against its SKU, a seat taken in the unit of work that
 * places the order (group, then campaign, before the order's wallet and stock: {@link LockOrder}), a seat given
 * back, and a group's end carried to each of its orders: shippable, cancelled, or refunded in full as an approved
 * refund the platform applied (reason group_failed), paid out through the channel like any refund.
 */
@Component
@FeatureApi // checkout takes a group order's seat in its unit of work
public class GroupDesk {

    /** Who cancels and refunds the orders of a failed group: the platform (an admin's powers, no person). */
    static final Actor PLATFORM = new Actor("group-buying", Role.ADMIN, null);

    private final Repository<GroupBuy> campaigns;
    private final Repository<Group> groups;
    private final Repository<Order> orders;
    private final Stock stock;
    private final OrderPlacement placement;
    private final RefundHandler refunds;
    private final IdGenerator ids;
    private final java.time.Duration paymentWindow;

    /**
     * @param paymentWindow how long a group order holds its seat unpaid: short, so that a seat nobody pays for goes
     *                      back to the group long before its deadline
     */
    public GroupDesk(Repository<GroupBuy> campaigns, Repository<Group> groups, Repository<Order> orders, Stock stock,
                     OrderPlacement placement, RefundHandler refunds, IdGenerator ids,
                     @org.springframework.beans.factory.annotation.Value("${orders.groups.payment-window:15m}")
                     java.time.Duration paymentWindow) {
        this.paymentWindow = paymentWindow;
        this.campaigns = campaigns;
        this.groups = groups;
        this.orders = orders;
        this.stock = stock;
        this.placement = placement;
        this.refunds = refunds;
        this.ids = ids;
    }

    @CommandHandler
    public GroupBuy.GroupBuyAck handle(CreateGroupBuy cmd, Clock clock) throws Exception {
        SkuOwners.Owner owner = stock.owners(List.of(cmd.skuId())).get(cmd.skuId());
        if (owner == null) {
            throw Refusal.unprocessable("UNKNOWN_SKU", "sku " + cmd.skuId() + " does not exist")
                    .with("sku_id", cmd.skuId());
        }
        GroupBuy.requireOwner(cmd.actor(), owner.shopId());
        Product.Reserved sku = stock.quote(Map.of(cmd.skuId(), 1), Map.of(cmd.skuId(), owner), OrderType.PHYSICAL)
                .get(0).lines().get(0);
        Instant now = clock.instant();
        List<String> problems = new java.util.ArrayList<>(cmd.terms().problems(sku.sku().price(), now));
        if (sku.settings().productType() == io.ordersvc.shared.catalog.ProductType.E_TICKET) {
            problems.add("sku_id: e-tickets are not sold in groups");
        }
        if (!problems.isEmpty()) {
            throw Refusal.unprocessable("INVALID_GROUP_BUY", String.join("; ", problems));
        }
        GroupBuyCreated created = new GroupBuyCreated(cmd.groupBuyId(), owner.shopId(), owner.productId(),
                cmd.skuId(), sku.productName(), sku.sku().price(), cmd.terms(), cmd.actor().id(), now);
        return campaigns.newInstance(() -> new GroupBuy(created))
                .invoke(g -> new GroupBuy.GroupBuyAck(cmd.groupBuyId(), 0));
    }

    /** The seat a group order takes, its price, and when it must be paid by (its seat goes back after). */
    public record Taken(OrderJoinedGroup joined, Money unitPrice, Instant payBy) {
    }

    private Instant payBy(Instant now, Instant deadline) {
        Instant window = now.plus(paymentWindow);
        return window.isBefore(deadline) ? window : deadline;
    }

    /**
     * Opens a group (the choice names a campaign) or joins one (it names a group) for an order of one item, in the
     * caller's unit of work: refused before anything is paid when the group is full, not open, or the buyer is in
     * it already.
     */
    public Taken take(PlaceOrder.GroupChoice choice, Actor buyer, String orderId, List<PlaceOrder.Item> items,
                      String receiverName, Instant now) throws Exception {
        if ((choice.groupBuyId() == null) == (choice.groupId() == null)) {
            throw Refusal.unprocessable("INVALID_GROUP_CHOICE", "group: name group_buy_id (open a group) or group_id"
                    + " (join one), not both").with("field", "group");
        }
        if (items.size() != 1) {
            throw Refusal.unprocessable("GROUP_ORDER_ONE_ITEM", "a group order buys the group buy's one SKU")
                    .with("items", items.size());
        }
        PlaceOrder.Item item = items.get(0);
        String name = io.ordersvc.shared.order.Receiver.maskName(receiverName); // 张三 → 张* (seed 001 group_identity)
        if (choice.groupId() == null) {
            Aggregate<GroupBuy> campaign = campaign(choice.groupBuyId());
            GroupBuy.Seat seat = campaign.invoke(c -> c.take(buyer.id(), orderId, item.skuId(), item.quantity(),
                    true, now));
            String groupId = ids.generateId().toString();
            Instant deadline = seat.terms().deadline(now);
            groups.newInstance(() -> new Group(new GroupOpened(groupId, seat.groupBuyId(), seat.shopId(),
                    seat.skuId(), seat.productName(), seat.terms().groupPrice(), seat.terms().groupSize(),
                    seat.terms().autoFill(), now, deadline),
                    new SeatTaken(groupId, orderId, buyer.id(), name, GroupRole.LEADER, now)));
            return new Taken(new OrderJoinedGroup(orderId, groupId, seat.groupBuyId(), GroupRole.LEADER,
                    item.quantity(), now), seat.terms().groupPrice(), payBy(now, deadline));
        }
        Aggregate<Group> group = group(choice.groupId());
        group.execute(g -> g.join(orderId, buyer.id(), name, now));
        String groupBuyId = group.invoke(Group::groupBuyId);
        GroupBuy.Seat seat = campaign(groupBuyId).invoke(c -> c.take(buyer.id(), orderId, item.skuId(),
                item.quantity(), false, now));
        return new Taken(new OrderJoinedGroup(orderId, choice.groupId(), groupBuyId, GroupRole.MEMBER,
                item.quantity(), now), seat.terms().groupPrice(), payBy(now, group.invoke(Group::deadline)));
    }

    @CommandHandler
    public void handle(ReleaseSeat cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        Aggregate<Group> group = group(cmd.groupId());
        Aggregate<GroupBuy> campaign = campaign(cmd.groupBuyId());
        group.execute(g -> g.release(cmd.orderId(), clock.instant()));
        campaign.execute(c -> c.release(cmd.orderId()));
    }

    @CommandHandler
    public void handle(SettleGroupOrder cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        Instant now = clock.instant();
        Aggregate<Order> order = LockOrder.load(orders, Rank.ORDER, cmd.orderId(), Refusal::orderNotFound);
        switch (order.invoke(o -> o.groupEnded(cmd.outcome(), now))) {
            case CANCEL -> placement.handle(new CancelOrder(cmd.orderId(), PLATFORM, "group_" + cmd.outcome().value()),
                    Clock.fixed(now, java.time.ZoneOffset.UTC));
            case REFUND -> {
                refunds.refundInFull(cmd.orderId(), RefundReason.GROUP_FAILED, "拼团失败，自动退款", PLATFORM, now);
                order.execute(o -> o.leftGroup(now));
            }
            case SHIPPABLE, NOTHING -> {
            }
        }
    }

    private Aggregate<GroupBuy> campaign(String id) {
        return LockOrder.load(campaigns, Rank.GROUP_BUY, id, Refusal::groupBuyNotFound);
    }

    private Aggregate<Group> group(String id) {
        return LockOrder.load(groups, Rank.GROUP, id, Refusal::groupNotFound);
    }
}
