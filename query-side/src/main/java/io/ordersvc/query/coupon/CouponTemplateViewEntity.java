package io.ordersvc.query.coupon;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** coupon_template_view: a template's terms, and how many coupons it issued, holds in codes, and saw used. */
@Entity
@Table(name = "coupon_template_view")
class CouponTemplateViewEntity {
    @Id
    String templateId;
    String shopId;
    String name;
    String type;
    BigDecimal amount;
    BigDecimal rate;
    BigDecimal minSpend;
    String categoryIds;
    String excludeCategoryIds;
    String memberLevels;
    int perBuyerLimit;
    int total;
    int issued;
    int codes;
    int used;
    Instant claimFrom;
    Instant claimUntil;
    Instant useFrom;
    Instant useUntil;
    Integer validDays;
    Instant createdAt;
    long version;
}
