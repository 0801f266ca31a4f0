package io.ordersvc.command.member;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.member.MemberCommand.SetMemberLevels;
import io.ordersvc.shared.member.MemberEvent.MemberLevelsSet;
import io.ordersvc.shared.member.MemberLevel;
import io.ordersvc.shared.member.MemberLevels;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The platform's member levels (one aggregate): replaced as a whole by an admin. */
@Aggregate
public class PlatformMemberLevels {

    @AggregateIdentifier
    private String levelsId;
    private List<MemberLevel> levels = List.of();

    public PlatformMemberLevels() {
    }

    public record LevelsAck(List<MemberLevel> levels, long version) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LevelsAck handle(SetMemberLevels cmd, Clock clock) {
        if (!cmd.actor().is(Role.ADMIN)) {
            throw Refusal.forbidden("only admins set the member levels");
        }
        List<String> problems = MemberLevels.problems(cmd.levels());
        if (!problems.isEmpty()) {
            throw Refusal.unprocessable("INVALID_MEMBER_LEVELS", String.join("; ", problems));
        }
        List<MemberLevel> sorted = MemberLevels.sorted(cmd.levels());
        if (!sorted.equals(levels) || levelsId == null) {
            apply(new MemberLevelsSet(sorted, clock.instant()));
        }
        return new LevelsAck(sorted, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(MemberLevelsSet e) {
        levelsId = io.ordersvc.shared.member.MemberCommand.LEVELS_ID;
        levels = e.levels();
    }
}
