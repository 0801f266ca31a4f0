package io.ordersvc.shared.member;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;

/**
 * A member level (seed 003 use_level): reached when the amount paid on completed orders is at least minSpent; its
 * members buy at discountRate times the list price (0.95 is 95折, 1 no discount).
 */
public record MemberLevel(int level, String name, Money minSpent, BigDecimal discountRate) {
}
