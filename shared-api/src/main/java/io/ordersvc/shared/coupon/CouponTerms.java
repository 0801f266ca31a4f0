package io.ordersvc.shared.coupon;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a coupon takes off and on which goods (seed 003 coupons; API.md "coupon-templates").
 *
 * @param shopId             the shop whose goods it pays for; null: platform-wide
 * @param amount             for {@link CouponType#AMOUNT}: the sum off
 * @param rate               for {@link CouponType#RATE}: what is paid (0.80 is 20 % off)
 * @param minSpend           what the eligible goods must reach (after member price and promotions); 0: none
 * @param categoryIds        only goods of these categories (empty: every category)
 * @param excludeCategoryIds never goods of these categories
 * @param memberLevels       only buyers of these levels (empty: everyone)
 */
public record CouponTerms(String shopId, CouponType type, Money amount, BigDecimal rate, Money minSpend,
                          List<String> categoryIds, List<String> excludeCategoryIds, List<Integer> memberLevels) {

    public CouponTerms {
        minSpend = minSpend == null ? Money.ZERO : minSpend;
        categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
        excludeCategoryIds = excludeCategoryIds == null ? List.of() : List.copyOf(excludeCategoryIds);
        memberLevels = memberLevels == null ? List.of() : List.copyOf(memberLevels);
    }

    /** Whether goods of this shop and category are ones the coupon pays for. */
    public boolean covers(String goodsShopId, String categoryId) {
        if (shopId != null && !shopId.equals(goodsShopId)) {
            return false;
        }
        if (categoryId != null && excludeCategoryIds.contains(categoryId)) {
            return false;
        }
        return categoryIds.isEmpty() || (categoryId != null && categoryIds.contains(categoryId));
    }
}
