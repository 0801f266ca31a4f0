package io.ordersvc.shared.member;

import io.ordersvc.shared.money.Money;

import java.util.List;

/** The buyer's own member page (GET /members/me). */
public record MemberQuery(String buyerId) {

    /** The platform's levels, lowest first. */
    public record LevelsQuery() {
    }

    /** level and name null: no level reached; nextLevelAt null at the top. */
    public record MemberView(Integer level, String name, Money spent, Money nextLevelAt,
                             java.math.BigDecimal discountRate) {
    }

    public record LevelsView(List<MemberLevel> levels, long version) {
    }
}
