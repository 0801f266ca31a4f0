package io.ordersvc.command.groupbuy;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.EndGroupBuy;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.BuyerUnitsHeld;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.BuyerUnitsReleased;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupBuyCreated;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupBuyEnded;
import io.ordersvc.shared.groupbuy.GroupBuyTerms;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A group-buy campaign of one shop's SKU: its terms never change (a seller who wants others ends it and creates
 * another), and it counts each buyer's units against per_buyer_limit, held from the order's placement until the
 * order is cancelled or refunded because its group failed. Groups are their own aggregates ({@link Group}).
 */
@Aggregate
public class GroupBuy {

    @AggregateIdentifier
    private String groupBuyId;
    private String shopId;
    private String skuId;
    private String productName;
    private GroupBuyTerms terms;
    private Instant endedAt;
    private final Map<String, Integer> unitsByBuyer = new HashMap<>();
    private final Map<String, Hold> holds = new HashMap<>();

    private record Hold(String buyerId, int units) {
    }

    public record GroupBuyAck(String groupBuyId, long version) {
    }

    /** The terms a new seat is taken at. */
    record Seat(String groupBuyId, String shopId, String skuId, String productName, GroupBuyTerms terms) {
    }

    protected GroupBuy() {
    }

    GroupBuy(GroupBuyCreated created) {
        apply(created);
    }

    static void requireOwner(Actor actor, String shopId) {
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(shopId))) {
            throw Refusal.forbidden("only the shop's seller or an admin runs its group buys");
        }
    }

    @CommandHandler
    public GroupBuyAck handle(EndGroupBuy cmd, Clock clock) {
        if (!(cmd.actor().is(Role.ADMIN) || cmd.actor().isSellerOf(shopId))) {
            throw Refusal.groupBuyNotFound(groupBuyId);
        }
        Instant now = clock.instant();
        if (!now.isBefore(ends())) {
            throw Refusal.conflict("GROUP_BUY_ENDED", "the group buy ended at " + ends());
        }
        apply(new GroupBuyEnded(groupBuyId, shopId, now));
        return new GroupBuyAck(groupBuyId, AggregateLifecycle.getVersion());
    }

    private Instant ends() {
        return endedAt != null && endedAt.isBefore(terms.endsAt()) ? endedAt : terms.endsAt();
    }

    /**
     * Takes a buyer's units for an order of the campaign's SKU.
     *
     * @param opening a new group: the campaign must be running; joining an existing group needs only the group open
     * @throws Refusal SKU_NOT_IN_GROUP_BUY, GROUP_BUY_NOT_RUNNING, GROUP_BUY_LIMIT_EXCEEDED
     */
    Seat take(String buyerId, String orderId, String sku, int units, boolean opening, Instant now) {
        if (!skuId.equals(sku)) {
            throw Refusal.unprocessable("SKU_NOT_IN_GROUP_BUY", "group buy " + groupBuyId + " sells sku " + skuId
                    + " alone").with("sku_id", skuId);
        }
        if (opening && (now.isBefore(terms.startsAt()) || !now.isBefore(ends()))) {
            throw Refusal.conflict("GROUP_BUY_NOT_RUNNING", "group buy " + groupBuyId + " runs from "
                    + terms.startsAt() + " until " + ends());
        }
        int held = unitsByBuyer.getOrDefault(buyerId, 0);
        if (terms.perBuyerLimit() > 0 && held + units > terms.perBuyerLimit()) {
            throw Refusal.unprocessable("GROUP_BUY_LIMIT_EXCEEDED", "a buyer takes at most " + terms.perBuyerLimit()
                    + " units of this group buy; " + held + " are taken").with("units_left",
                    Math.max(0, terms.perBuyerLimit() - held));
        }
        apply(new BuyerUnitsHeld(groupBuyId, buyerId, orderId, units));
        return new Seat(groupBuyId, shopId, skuId, productName, terms);
    }

    /** The order left its group: its units no longer count (once). */
    void release(String orderId) {
        Hold hold = holds.get(orderId);
        if (hold != null) {
            apply(new BuyerUnitsReleased(groupBuyId, hold.buyerId(), orderId, hold.units()));
        }
    }

    @EventSourcingHandler
    void on(GroupBuyCreated e) {
        groupBuyId = e.groupBuyId();
        shopId = e.shopId();
        skuId = e.skuId();
        productName = e.productName();
        terms = e.terms();
    }

    @EventSourcingHandler
    void on(GroupBuyEnded e) {
        endedAt = e.endedAt();
    }

    @EventSourcingHandler
    void on(BuyerUnitsHeld e) {
        unitsByBuyer.merge(e.buyerId(), e.units(), Integer::sum);
        holds.put(e.orderId(), new Hold(e.buyerId(), e.units()));
    }

    @EventSourcingHandler
    void on(BuyerUnitsReleased e) {
        unitsByBuyer.merge(e.buyerId(), -e.units(), Integer::sum);
        holds.remove(e.orderId());
    }
}
