package io.ordersvc.query.groupbuy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** group_view: one group, its seats and its members (JSON, names masked). */
@Entity
@Table(name = "group_view")
class GroupViewEntity {
    @Id
    String groupId;
    String groupBuyId;
    String shopId;
    String skuId;
    String productName;
    BigDecimal groupPrice;
    int groupSize;
    String status;
    int taken;
    int paid;
    int filled;
    String members;
    Instant openedAt;
    Instant deadline;
    Instant endedAt;
    String failReason;
    long version;
}
