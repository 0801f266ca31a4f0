package io.ordersvc.shared.groupbuy;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** One group-buy campaign; campaigns and groups are public to anyone signed in (a group's page is a share link). */
public record GroupBuyQuery(String groupBuyId, Actor actor) {

    /** Campaigns, newest first: one shop's, one SKU's; active: running now (true) or not (false). */
    public record ListGroupBuys(String shopId, String skuId, Boolean active, int page, int size, Actor actor) {
    }

    /** A campaign's groups still forming that a buyer may join (leader paid, seats left), soonest deadline first. */
    public record JoinableGroups(String groupBuyId, int limit, Actor actor) {
    }

    public record GroupQuery(String groupId, Actor actor) {
    }

    /** status: scheduled, running or ended (the promotions' words). */
    public record GroupBuyView(String groupBuyId, String shopId, String productId, String skuId, String productName,
                               Money listPrice, Money groupPrice, int groupSize, String duration, int perBuyerLimit,
                               Instant startsAt, Instant endsAt, boolean autoFill,
                               io.ordersvc.shared.promotion.PromotionStatus status, int groupsOpened,
                               int groupsSucceeded, Instant createdAt, long version) {
    }

    public record GroupBuyPage(List<GroupBuyView> items, int page, int size, long total, int totalPages) {

        public static GroupBuyPage of(List<GroupBuyView> items, int page, int size, long total) {
            return new GroupBuyPage(items, page, size, total, (int) ((total + size - 1) / size));
        }
    }

    /** A paid member as a group's page shows it: the masked name (张*) and the role. */
    public record Member(String name, GroupRole role) {
    }

    /**
     * A group's page. members: the paid members, leader first; seats_left: seats no order holds (an order holds
     * its seat from placement until paid, cancelled or expired: pending_seats); filled: seats the platform filled
     * at an auto-filled deadline.
     */
    public record GroupView(String groupId, String groupBuyId, String shopId, String skuId, String productName,
                            Money groupPrice, int groupSize, GroupStatus status, int seatsLeft, int pendingSeats,
                            int filled, Instant openedAt, Instant deadline, Instant endedAt, String failReason,
                            List<Member> members, long version) {
    }

    public record GroupList(List<GroupView> items) {
    }
}
