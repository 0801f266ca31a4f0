package io.ordersvc.command.member;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberEvent.MemberLevelAssigned;
import io.ordersvc.shared.member.MemberEvent.MemberLevelsSet;
import io.ordersvc.shared.member.MemberEvent.MemberSpent;
import io.ordersvc.shared.member.MemberLevel;
import io.ordersvc.shared.member.MemberLevels;
import io.ordersvc.shared.money.Money;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A buyer's member level for checkout: the platform's levels (cached for a second: a change reaches every instance
 * within it) and the buyer's spending, read from their streams without locking them.
 */
@Component
@FeatureApi
public class MemberBook {

    /** level null: none reached; rate 1: no member price. */
    public record Standing(Integer level, BigDecimal discountRate) {
        public static final Standing NONE = new Standing(null, BigDecimal.ONE);
    }

    private final EventStore events;
    /** The platform's levels change seldom: read at most once per this period on each instance. */
    private final LoadingCache<String, List<MemberLevel>> platform;

    public MemberBook(EventStore events, @Value("${orders.members.levels-refresh:1s}") Duration refresh) {
        this.events = events;
        this.platform = Caffeine.newBuilder().expireAfterWrite(refresh).maximumSize(1).build(id -> levels());
    }

    /** A buyer's standing now: without levels set nobody has one, and the buyer's stream is not read. */
    public Standing standing(String buyerId) {
        List<MemberLevel> levels = platform.get(MemberCommand.LEVELS_ID);
        if (levels.isEmpty()) {
            return Standing.NONE;
        }
        Money spent = Money.ZERO;
        Integer assigned = null;
        DomainEventStream member = events.readEvents(MemberCommand.memberId(buyerId));
        while (member.hasNext()) {
            DomainEventMessage<?> event = member.next();
            if (event.getPayload() instanceof MemberSpent s) {
                spent = s.spentAfter();
            } else if (event.getPayload() instanceof MemberLevelAssigned a) {
                assigned = a.level();
            }
        }
        Optional<MemberLevel> level = MemberLevels.levelOf(levels, spent, assigned);
        return level.map(l -> new Standing(l.level(), l.discountRate())).orElse(Standing.NONE);
    }

    private List<MemberLevel> levels() {
        List<MemberLevel> levels = List.of();
        DomainEventStream stream = events.readEvents(MemberCommand.LEVELS_ID);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof MemberLevelsSet set) {
                levels = set.levels();
            }
        }
        return levels;
    }
}
