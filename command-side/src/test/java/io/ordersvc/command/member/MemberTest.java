package io.ordersvc.command.member;

import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberCommand.AssignMemberLevel;
import io.ordersvc.shared.member.MemberCommand.RecordSpending;
import io.ordersvc.shared.member.MemberCommand.SetMemberLevels;
import io.ordersvc.shared.member.MemberEvent.MemberLevelAssigned;
import io.ordersvc.shared.member.MemberEvent.MemberLevelsSet;
import io.ordersvc.shared.member.MemberEvent.MemberSpent;
import io.ordersvc.shared.member.MemberLevel;
import io.ordersvc.shared.member.MemberLevels;
import io.ordersvc.shared.money.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemberTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);
    static final Actor SYSTEM = Actor.system("member-spending");
    static final Actor BUYER = new Actor("b-1", Role.BUYER, null);
    static final String MEMBER = MemberCommand.memberId("b-1");
    static final List<MemberLevel> LEVELS = List.of(
            new MemberLevel(1, "白银", Money.of("100.00"), new BigDecimal("0.98")),
            new MemberLevel(2, "黄金", Money.of("1000.00"), new BigDecimal("0.95")));

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    private static AggregateTestFixture<Member> members() {
        var fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    private static AggregateTestFixture<PlatformMemberLevels> levels() {
        var fixture = new AggregateTestFixture<>(PlatformMemberLevels.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    @Test
    void an_admin_sets_the_levels_lowest_first() {
        levels().givenNoPriorActivity()
                .when(new SetMemberLevels(MemberCommand.LEVELS_ID, List.of(LEVELS.get(1), LEVELS.get(0)), ADMIN))
                .expectEvents(new MemberLevelsSet(LEVELS, NOW));
    }

    @Test
    void levels_that_contradict_themselves_or_a_non_admin_are_refused() {
        var cheaperHigher = List.of(new MemberLevel(1, "a", Money.of("100.00"), new BigDecimal("0.90")),
                new MemberLevel(2, "b", Money.of("50.00"), new BigDecimal("0.95")));
        levels().givenNoPriorActivity()
                .when(new SetMemberLevels(MemberCommand.LEVELS_ID, cheaperHigher, ADMIN))
                .expectNoEvents().expectException(refusal("INVALID_MEMBER_LEVELS"));
        levels().givenNoPriorActivity()
                .when(new SetMemberLevels(MemberCommand.LEVELS_ID, LEVELS, BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        assertThat(MemberLevels.problems(cheaperHigher)).containsExactly(
                "level 2: min_spent rises with the level", "level 2: a higher level never pays more");
    }

    @Test
    void an_order_counts_once_and_a_refund_after_completion_lowers_its_count() {
        members().givenNoPriorActivity()
                .when(new RecordSpending(MEMBER, "b-1", "o-1", Money.of("120.00"), SYSTEM))
                .expectEvents(new MemberSpent("b-1", "o-1", Money.of("120.00"), Money.of("120.00"), NOW));
        members().given(new MemberSpent("b-1", "o-1", Money.of("120.00"), Money.of("120.00"), NOW))
                .when(new RecordSpending(MEMBER, "b-1", "o-1", Money.of("120.00"), SYSTEM))
                .expectNoEvents();
        members().given(new MemberSpent("b-1", "o-1", Money.of("120.00"), Money.of("120.00"), NOW),
                        new MemberSpent("b-1", "o-2", Money.of("30.00"), Money.of("150.00"), NOW))
                .when(new RecordSpending(MEMBER, "b-1", "o-1", Money.of("20.00"), SYSTEM))
                .expectEvents(new MemberSpent("b-1", "o-1", Money.of("20.00"), Money.of("50.00"), NOW));
        members().givenNoPriorActivity()
                .when(new RecordSpending(MEMBER, "b-1", "o-1", Money.of("120.00"), BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void an_admin_sets_a_floor_and_spending_still_promotes() {
        members().givenNoPriorActivity()
                .when(new AssignMemberLevel(MEMBER, "b-1", 1, ADMIN))
                .expectEvents(new MemberLevelAssigned("b-1", 1, "admin", NOW));
        members().givenNoPriorActivity()
                .when(new AssignMemberLevel(MEMBER, "b-1", 1, BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        assertThat(MemberLevels.levelOf(LEVELS, Money.of("99.99"), null)).isEmpty();
        assertThat(MemberLevels.levelOf(LEVELS, Money.of("100.00"), null)).get().extracting(MemberLevel::level)
                .isEqualTo(1);
        assertThat(MemberLevels.levelOf(LEVELS, Money.ZERO, 1)).get().extracting(MemberLevel::level).isEqualTo(1);
        assertThat(MemberLevels.levelOf(LEVELS, Money.of("1000.00"), 1)).get().extracting(MemberLevel::level)
                .isEqualTo(2);
        assertThat(MemberLevels.next(LEVELS, MemberLevels.levelOf(LEVELS, Money.of("150.00"), null)))
                .get().extracting(MemberLevel::minSpent).isEqualTo(Money.of("1000.00"));
    }
}
