package io.ordersvc.query.member;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberEvent.MemberLevelAssigned;
import io.ordersvc.shared.member.MemberEvent.MemberLevelsSet;
import io.ordersvc.shared.member.MemberEvent.MemberSpent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/** member_view and member_levels_view, in the catalog's processing group: a few events per completed order. */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class MemberProjection {

    private final BatchTable<MemberViewEntity> members;
    private final BatchTable<MemberLevelsEntity> levels;

    MemberProjection(JdbcTemplate jdbc) {
        // A batch's members in one query: with many buyers, a lookup per member was a query per completed order.
        this.members = new BatchTable<>(jdbc, Mapping.of(MemberViewEntity.class).prefetching(
                Prefetch.named(MemberSpent.class, e -> List.of(e.buyerId()))
                        .and(Prefetch.named(MemberLevelAssigned.class, e -> List.of(e.buyerId())))));
        this.levels = new BatchTable<>(jdbc, Mapping.of(MemberLevelsEntity.class));
    }

    @EventHandler
    void on(MemberLevelsSet e, @SequenceNumber long sequence) {
        var row = levels.find(MemberCommand.LEVELS_ID).orElse(null);
        if (row == null) {
            row = new MemberLevelsEntity();
            row.levelsId = MemberCommand.LEVELS_ID;
            row.levels = JsonText.write(e.levels());
            row.version = sequence;
            levels.insert(row);
        } else if (row.version < sequence) {
            row.levels = JsonText.write(e.levels());
            row.version = sequence;
            levels.changed(row);
        }
    }

    @EventHandler
    void on(MemberLevelAssigned e, @SequenceNumber long sequence) {
        member(e.buyerId(), sequence, row -> row.assignedLevel = e.level());
    }

    @EventHandler
    void on(MemberSpent e, @SequenceNumber long sequence) {
        member(e.buyerId(), sequence, row -> row.spent = e.spentAfter().amount());
    }

    private void member(String buyerId, long sequence, java.util.function.Consumer<MemberViewEntity> change) {
        var row = members.find(buyerId).orElse(null);
        if (row == null) {
            row = new MemberViewEntity();
            row.buyerId = buyerId;
            row.spent = BigDecimal.ZERO.setScale(2);
            change.accept(row);
            row.version = sequence;
            members.insert(row);
        } else if (row.version < sequence) {
            change.accept(row);
            row.version = sequence;
            members.changed(row);
        }
    }

    @ResetHandler
    void reset() {
        members.deleteAll();
        levels.deleteAll();
    }
}
