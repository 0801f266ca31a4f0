package io.ordersvc.shared.member;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public sealed interface MemberCommand extends ActorAware {

    /** The one aggregate holding the platform's member levels. */
    String LEVELS_ID = "member-levels";

    /** A buyer's member aggregate: its id is the buyer's, prefixed so that it never meets another aggregate's. */
    static String memberId(String buyerId) {
        return "member-" + buyerId;
    }

    /** PUT /member-levels: the levels replaced as a whole. */
    record SetMemberLevels(@TargetAggregateIdentifier String levelsId, List<MemberLevel> levels, Actor actor)
            implements MemberCommand {
    }

    /** PUT /members/{buyer_id}/level: a floor under the level the buyer's spending reaches. */
    record AssignMemberLevel(@TargetAggregateIdentifier String memberId, String buyerId, int level, Actor actor)
            implements MemberCommand {
    }

    /**
     * What a completed order counts toward the buyer's spending now: what was paid less what was refunded. The
     * order's count is set, not added to, so the same report again (a replay) changes nothing.
     */
    record RecordSpending(@TargetAggregateIdentifier String memberId, String buyerId, String orderId, Money counted,
                          Actor actor) implements MemberCommand {
    }
}
