package io.ordersvc.shared.coupon;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** GET /coupons and GET /coupon-templates. */
public sealed interface CouponQuery {

    /** status: usable, used (locked by an unpaid order, or used), expired; null: all. */
    record ListCoupons(String buyerId, String status) implements CouponQuery {
    }

    /**
     * shopId: that shop's templates; claimable: only those a buyer may claim now (within the claim window, coupons
     * left); mine: the shop of the seller asking (null: every shop and the platform).
     */
    record ListCouponTemplates(String shopId, boolean claimable, int page, int size) implements CouponQuery {
    }

    /** status: usable, locked, used or expired; order_ids: the orders holding or having used it. */
    record CouponView(String couponId, String couponTemplateId, String shopId, String name, CouponType type,
                      Money amount, BigDecimal rate, Money minSpend, Instant useFrom, Instant useUntil, String status,
                      List<String> orderIds, String via, Instant receivedAt, Instant usedAt) {
    }

    record CouponList(List<CouponView> coupons, long version) {
    }

    /** left: what may still be claimed or granted (total less issued less outstanding codes). */
    record CouponTemplateView(String couponTemplateId, String shopId, String name, CouponType type, Money amount,
                              BigDecimal rate, Money minSpend, List<String> categoryIds,
                              List<String> excludeCategoryIds, List<Integer> memberLevels, int perBuyerLimit,
                              int total, int issued, int codes, int used, int left, Instant claimFrom,
                              Instant claimUntil, Instant useFrom, Instant useUntil, Integer validDays,
                              Instant createdAt) {
    }

    record CouponTemplatePage(List<CouponTemplateView> items, int page, int size, long total) {
    }
}
