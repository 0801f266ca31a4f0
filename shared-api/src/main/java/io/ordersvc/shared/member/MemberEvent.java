package io.ordersvc.shared.member;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

public sealed interface MemberEvent {

    record MemberLevelsSet(List<MemberLevel> levels, Instant setAt) implements MemberEvent {
    }

    record MemberLevelAssigned(String buyerId, int level, String assignedBy, Instant assignedAt)
            implements MemberEvent {
    }

    /** A completed order now counts {@code counted} (a refund after completion lowers it); spentAfter is the sum. */
    record MemberSpent(String buyerId, String orderId, Money counted, Money spentAfter, Instant at)
            implements MemberEvent {
    }
}
