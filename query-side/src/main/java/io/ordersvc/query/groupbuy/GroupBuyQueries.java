package io.ordersvc.query.groupbuy;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.groupbuy.GroupBuyQuery;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupBuyPage;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupBuyView;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupList;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupView;
import io.ordersvc.shared.groupbuy.GroupRole;
import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionStatus;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Campaigns and groups are public to anyone signed in: a group's page is what a buyer shares to fill it. */
@Component
@Transactional(readOnly = true)
public class GroupBuyQueries {

    private final GroupBuyViewRepository campaigns;
    private final GroupViewRepository groups;
    private final Clock clock;

    GroupBuyQueries(GroupBuyViewRepository campaigns, GroupViewRepository groups, Clock clock) {
        this.campaigns = campaigns;
        this.groups = groups;
        this.clock = clock;
    }

    public Optional<Long> campaignVersion(String groupBuyId) {
        return campaigns.findVersion(groupBuyId);
    }

    public Optional<Long> groupVersion(String groupId) {
        return groups.findVersion(groupId);
    }

    @QueryHandler
    GroupBuyView handle(GroupBuyQuery query) {
        return campaigns.lookup(query.groupBuyId()).map(row -> view(row, clock.instant()))
                .orElseThrow(() -> Refusal.groupBuyNotFound(query.groupBuyId()));
    }

    @QueryHandler
    GroupBuyPage handle(GroupBuyQuery.ListGroupBuys query) {
        Instant now = clock.instant();
        Specification<GroupBuyViewEntity> matching = (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (query.shopId() != null) {
                where.add(cb.equal(root.get("shopId"), query.shopId()));
            }
            if (query.skuId() != null) {
                where.add(cb.equal(root.get("skuId"), query.skuId()));
            }
            if (query.active() != null) {
                Predicate running = cb.and(cb.lessThanOrEqualTo(root.get("startsAt"), now),
                        cb.greaterThan(root.get("endsAt"), now));
                where.add(query.active() ? running : cb.not(running));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        var page = campaigns.findAll(matching, PageRequest.of(query.page() - 1, query.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("groupBuyId"))));
        return GroupBuyPage.of(page.getContent().stream().map(row -> view(row, now)).toList(), query.page(),
                query.size(), page.getTotalElements());
    }

    @QueryHandler
    GroupList handle(GroupBuyQuery.JoinableGroups query) {
        campaigns.lookup(query.groupBuyId()).orElseThrow(() -> Refusal.groupBuyNotFound(query.groupBuyId()));
        return new GroupList(groups.joinable(query.groupBuyId(), GroupStatus.FORMING.value(), clock.instant(),
                PageRequest.of(0, query.limit())).stream().map(GroupBuyQueries::view).toList());
    }

    @QueryHandler
    GroupView handle(GroupBuyQuery.GroupQuery query) {
        return groups.lookup(query.groupId()).map(GroupBuyQueries::view)
                .orElseThrow(() -> Refusal.groupNotFound(query.groupId()));
    }

    private static GroupBuyView view(GroupBuyViewEntity row, Instant now) {
        return new GroupBuyView(row.groupBuyId, row.shopId, row.productId, row.skuId, row.productName,
                Money.of(row.listPrice), Money.of(row.groupPrice), row.groupSize, row.duration, row.perBuyerLimit,
                row.startsAt, row.endsAt, row.autoFill, PromotionStatus.at(now, row.startsAt, row.endsAt),
                row.groupsOpened, row.groupsSucceeded, row.createdAt, row.version);
    }

    private static GroupView view(GroupViewEntity row) {
        List<GroupBuyProjection.Seat> seats = JsonText.read(row.members, GroupBuyProjection.SEATS);
        List<GroupBuyQuery.Member> members = seats.stream().filter(GroupBuyProjection.Seat::paid)
                .sorted(Comparator.comparing(s -> s.role() == GroupRole.LEADER ? 0 : 1))
                .map(s -> new GroupBuyQuery.Member(s.name(), s.role())).toList();
        GroupStatus status = GroupStatus.valueOf(row.status.toUpperCase(Locale.ROOT));
        int left = status == GroupStatus.FORMING ? Math.max(0, row.groupSize - row.taken) : 0;
        return new GroupView(row.groupId, row.groupBuyId, row.shopId, row.skuId, row.productName,
                Money.of(row.groupPrice), row.groupSize, status, left,
                status == GroupStatus.FORMING ? row.taken - row.paid : 0, row.filled, row.openedAt, row.deadline,
                row.endedAt, row.failReason, members, row.version);
    }
}
