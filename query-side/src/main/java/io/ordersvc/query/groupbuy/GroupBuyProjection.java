package io.ordersvc.query.groupbuy;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupBuyCreated;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupBuyEnded;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupFailed;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupOpened;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupSucceeded;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatPaid;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatReleased;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatTaken;
import io.ordersvc.shared.groupbuy.GroupRole;
import io.ordersvc.shared.groupbuy.GroupStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * group_buy_view and group_view, in the catalog's processing group: campaigns and groups change far less often than
 * orders. Each row keeps its aggregate's version and ignores what it has seen (replay-safe); a campaign's counts of
 * groups opened and succeeded come from the groups' events, which name their campaign.
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class GroupBuyProjection {

    /** A seat as the group's row keeps it. */
    record Seat(String orderId, String name, GroupRole role, boolean paid) {
    }

    static final TypeReference<List<Seat>> SEATS = new TypeReference<>() {
    };

    private final BatchTable<GroupBuyViewEntity> campaigns;
    private final BatchTable<GroupViewEntity> groups;

    GroupBuyProjection(JdbcTemplate jdbc) {
        this.campaigns = new BatchTable<>(jdbc, Mapping.of(GroupBuyViewEntity.class)
                .prefetching(Prefetch.aggregates("GroupBuy")));
        this.groups = new BatchTable<>(jdbc, Mapping.of(GroupViewEntity.class)
                .prefetching(Prefetch.aggregates("Group")));
    }

    @EventHandler
    void on(GroupBuyCreated e, @SequenceNumber long sequence) {
        if (campaigns.find(e.groupBuyId()).isPresent()) {
            return; // replayed
        }
        var row = new GroupBuyViewEntity();
        row.groupBuyId = e.groupBuyId();
        row.shopId = e.shopId();
        row.productId = e.productId();
        row.skuId = e.skuId();
        row.productName = e.productName();
        row.listPrice = e.listPrice().amount();
        row.groupPrice = e.terms().groupPrice().amount();
        row.groupSize = e.terms().groupSize();
        row.duration = e.terms().duration().toString();
        row.perBuyerLimit = e.terms().perBuyerLimit();
        row.startsAt = e.terms().startsAt();
        row.endsAt = e.terms().endsAt();
        row.autoFill = e.terms().autoFill();
        row.createdAt = e.createdAt();
        row.version = sequence;
        campaigns.insert(row);
    }

    @EventHandler
    void on(GroupBuyEnded e, @SequenceNumber long sequence) {
        campaigns.find(e.groupBuyId()).filter(row -> row.version < sequence).ifPresent(row -> {
            row.endsAt = e.endedAt().isBefore(row.endsAt) ? e.endedAt() : row.endsAt;
            row.version = sequence;
            campaigns.changed(row);
        });
    }

    @EventHandler
    void on(GroupOpened e, @SequenceNumber long sequence) {
        if (groups.find(e.groupId()).isPresent()) {
            return;
        }
        var row = new GroupViewEntity();
        row.groupId = e.groupId();
        row.groupBuyId = e.groupBuyId();
        row.shopId = e.shopId();
        row.skuId = e.skuId();
        row.productName = e.productName();
        row.groupPrice = e.groupPrice().amount();
        row.groupSize = e.groupSize();
        row.status = GroupStatus.FORMING.value();
        row.members = JsonText.write(List.of());
        row.openedAt = e.openedAt();
        row.deadline = e.deadline();
        row.version = sequence;
        groups.insert(row);
        campaigns.find(e.groupBuyId()).ifPresent(c -> {
            c.groupsOpened++;
            campaigns.changed(c);
        });
    }

    @EventHandler
    void on(SeatTaken e, @SequenceNumber long sequence) {
        seats(e.groupId(), sequence, (row, seats) -> {
            seats.add(new Seat(e.orderId(), e.name(), e.role(), false));
            row.taken = seats.size();
        });
    }

    @EventHandler
    void on(SeatPaid e, @SequenceNumber long sequence) {
        seats(e.groupId(), sequence, (row, seats) -> {
            seats.replaceAll(s -> s.orderId().equals(e.orderId()) ? new Seat(s.orderId(), s.name(), s.role(), true)
                    : s);
            row.paid = (int) seats.stream().filter(Seat::paid).count();
        });
    }

    @EventHandler
    void on(SeatReleased e, @SequenceNumber long sequence) {
        seats(e.groupId(), sequence, (row, seats) -> {
            seats.removeIf(s -> s.orderId().equals(e.orderId()));
            row.taken = seats.size();
        });
    }

    @EventHandler
    void on(GroupSucceeded e, @SequenceNumber long sequence) {
        seats(e.groupId(), sequence, (row, seats) -> {
            row.status = GroupStatus.SUCCEEDED.value();
            row.filled = e.filled();
            row.endedAt = e.at();
            seats.removeIf(s -> e.cancelled().contains(s.orderId()));
            row.taken = seats.size();
            campaigns.find(e.groupBuyId()).ifPresent(c -> {
                c.groupsSucceeded++;
                campaigns.changed(c);
            });
        });
    }

    @EventHandler
    void on(GroupFailed e, @SequenceNumber long sequence) {
        seats(e.groupId(), sequence, (row, seats) -> {
            row.status = GroupStatus.FAILED.value();
            row.failReason = e.reason();
            row.endedAt = e.at();
        });
    }

    private void seats(String groupId, long sequence, java.util.function.BiConsumer<GroupViewEntity, List<Seat>> change) {
        groups.find(groupId).filter(row -> row.version < sequence).ifPresent(row -> {
            List<Seat> seats = new ArrayList<>(JsonText.read(row.members, SEATS));
            change.accept(row, seats);
            row.members = JsonText.write(seats);
            row.version = sequence;
            groups.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        groups.deleteAll();
        campaigns.deleteAll();
    }
}
