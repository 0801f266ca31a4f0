package io.ordersvc.shared.member;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The rules of member levels, used by the aggregate's guard, checkout's member price and the member's page. */
public final class MemberLevels {

    private MemberLevels() {
    }

    /**
     * The level a member is at: the highest one whose threshold the amount spent reaches, or the level an admin set
     * if that is higher (a set level is a floor: spending still promotes). Empty: no level applies.
     */
    public static Optional<MemberLevel> levelOf(List<MemberLevel> levels, Money spent, Integer assigned) {
        MemberLevel best = null;
        for (MemberLevel level : sorted(levels)) {
            if (spent.compareTo(level.minSpent()) >= 0 || (assigned != null && level.level() <= assigned)) {
                best = level;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The next level up and what must still be spent to reach it; empty at the top. */
    public static Optional<MemberLevel> next(List<MemberLevel> levels, Optional<MemberLevel> current) {
        return sorted(levels).stream()
                .filter(l -> current.isEmpty() || l.level() > current.get().level())
                .findFirst();
    }

    public static List<MemberLevel> sorted(List<MemberLevel> levels) {
        return levels.stream().sorted(Comparator.comparingInt(MemberLevel::level)).toList();
    }

    /** The problems of a set of levels, each naming its field; empty when they are sound. */
    public static List<String> problems(List<MemberLevel> levels) {
        List<String> problems = new ArrayList<>();
        var numbers = new HashSet<Integer>();
        List<MemberLevel> sorted = sorted(levels);
        for (int i = 0; i < levels.size(); i++) {
            MemberLevel l = levels.get(i);
            if (!numbers.add(l.level())) {
                problems.add("[" + i + "].level: " + l.level() + " appears twice");
            }
            if (l.discountRate().compareTo(BigDecimal.ZERO) <= 0 || l.discountRate().compareTo(BigDecimal.ONE) > 0
                    || l.discountRate().stripTrailingZeros().scale() > 2) {
                problems.add("[" + i + "].discount_rate: above 0, at most 1, two decimals");
            }
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).minSpent().compareTo(sorted.get(i - 1).minSpent()) <= 0) {
                problems.add("level " + sorted.get(i).level() + ": min_spent rises with the level");
            }
            if (sorted.get(i).discountRate().compareTo(sorted.get(i - 1).discountRate()) > 0) {
                problems.add("level " + sorted.get(i).level() + ": a higher level never pays more");
            }
        }
        return problems;
    }
}
