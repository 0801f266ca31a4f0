package io.ordersvc.query.member;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberLevel;
import io.ordersvc.shared.member.MemberLevels;
import io.ordersvc.shared.member.MemberQuery;
import io.ordersvc.shared.member.MemberQuery.LevelsQuery;
import io.ordersvc.shared.member.MemberQuery.LevelsView;
import io.ordersvc.shared.member.MemberQuery.MemberView;
import io.ordersvc.shared.money.Money;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** A buyer's member page and the platform's levels; the level follows from MemberLevels, the rule checkout uses. */
@Component
@Transactional(readOnly = true)
public class MemberQueries {

    private static final TypeReference<List<MemberLevel>> LEVELS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    MemberQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    LevelsView handle(LevelsQuery query) {
        return jdbc.query("SELECT levels, version FROM member_levels_view WHERE levels_id = ?",
                        (rs, i) -> new LevelsView(JsonText.read(rs.getString(1), LEVELS), rs.getLong(2)),
                        MemberCommand.LEVELS_ID).stream().findFirst()
                .orElse(new LevelsView(List.of(), -1));
    }

    @QueryHandler
    MemberView handle(MemberQuery query) {
        List<MemberLevel> levels = handle(new LevelsQuery()).levels();
        record Row(BigDecimal spent, Integer assigned) {
        }
        Row row = jdbc.query("SELECT spent, assigned_level FROM member_view WHERE buyer_id = ?",
                        (rs, i) -> new Row(rs.getBigDecimal(1), (Integer) rs.getObject(2)), query.buyerId())
                .stream().findFirst().orElse(new Row(BigDecimal.ZERO, null));
        Money spent = Money.of(row.spent().setScale(2));
        Optional<MemberLevel> level = MemberLevels.levelOf(levels, spent, row.assigned());
        Optional<MemberLevel> next = MemberLevels.next(levels, level);
        return new MemberView(level.map(MemberLevel::level).orElse(null), level.map(MemberLevel::name).orElse(null),
                spent, next.map(MemberLevel::minSpent).orElse(null),
                level.map(MemberLevel::discountRate).orElse(BigDecimal.ONE));
    }
}
