package io.ordersvc.query.coupon;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** coupon_view: a coupon a buyer holds, with its terms as issued and its state. */
@Entity
@Table(name = "coupon_view")
class CouponViewEntity {
    @Id
    String couponId;
    String buyerId;
    String templateId;
    String shopId;
    String name;
    String type;
    BigDecimal amount;
    BigDecimal rate;
    BigDecimal minSpend;
    Instant useFrom;
    Instant useUntil;
    String state;
    String orderIds;
    String via;
    Instant receivedAt;
    Instant usedAt;
    long version;
}
