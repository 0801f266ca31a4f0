package io.ordersvc.command.member;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.command.support.AggregateCaches;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.member.MemberCommand.AssignMemberLevel;
import io.ordersvc.shared.member.MemberCommand.RecordSpending;
import io.ordersvc.shared.member.MemberEvent.MemberLevelAssigned;
import io.ordersvc.shared.member.MemberEvent.MemberSpent;
import io.ordersvc.shared.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A buyer as a member: what they spent on completed orders (each order counts what was paid less what was refunded)
 * and the level an admin set as a floor. The level itself follows from these and the platform's levels. Every
 * completed order adds an event, so a member is cached and snapshotted (MemberConfig) like a wallet.
 */
@Aggregate(snapshotTriggerDefinition = "memberSnapshotTrigger", cache = AggregateCaches.MEMBERS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Member {

    @AggregateIdentifier
    private String memberId;
    private Money spent = Money.ZERO;
    private Map<String, Money> counted = new HashMap<>();

    public Member() {
    }

    public record MemberAck(String buyerId, long version) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MemberAck handle(AssignMemberLevel cmd, Clock clock) {
        if (!cmd.actor().is(Role.ADMIN)) {
            throw Refusal.forbidden("only admins set a buyer's level");
        }
        if (cmd.level() < 0) {
            throw Refusal.unprocessable("INVALID_MEMBER_LEVEL", "a level is 0 or more");
        }
        apply(new MemberLevelAssigned(cmd.buyerId(), cmd.level(), cmd.actor().id(), clock.instant()));
        return new MemberAck(cmd.buyerId(), AggregateLifecycle.getVersion());
    }

    /** Sets what an order counts; the same count again changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MemberAck handle(RecordSpending cmd, Clock clock) {
        if (!cmd.actor().is(Role.SYSTEM)) {
            throw Refusal.forbidden("spending is recorded by the system");
        }
        Money before = counted.getOrDefault(cmd.orderId(), Money.ZERO);
        Money now = cmd.counted().isNegative() ? Money.ZERO : cmd.counted();
        if (memberId == null || now.compareTo(before) != 0) { // a new member always starts with a fact
            apply(new MemberSpent(cmd.buyerId(), cmd.orderId(), now, spent.minus(before).plus(now), clock.instant()));
        }
        return new MemberAck(cmd.buyerId(), AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(MemberLevelAssigned e) {
        memberId = io.ordersvc.shared.member.MemberCommand.memberId(e.buyerId());
    }

    @EventSourcingHandler
    void on(MemberSpent e) {
        memberId = io.ordersvc.shared.member.MemberCommand.memberId(e.buyerId());
        spent = e.spentAfter();
        counted.put(e.orderId(), e.counted());
    }
}
