package io.ordersvc.query.groupbuy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** group_buy_view: a campaign's terms and how many of its groups opened and succeeded. */
@Entity
@Table(name = "group_buy_view")
class GroupBuyViewEntity {
    @Id
    String groupBuyId;
    String shopId;
    String productId;
    String skuId;
    String productName;
    BigDecimal listPrice;
    BigDecimal groupPrice;
    int groupSize;
    String duration;
    int perBuyerLimit;
    Instant startsAt;
    Instant endsAt;
    boolean autoFill;
    int groupsOpened;
    int groupsSucceeded;
    Instant createdAt;
    long version;
}
