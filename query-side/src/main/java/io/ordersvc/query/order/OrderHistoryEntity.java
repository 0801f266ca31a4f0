package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** order_history: an archived order, what its history list shows (V20). */
@Entity
@Table(name = "order_history")
class OrderHistoryEntity {
    @Id
    String orderId;
    String orderNo;
    String buyerId;
    String shopId;
    String status;
    Instant createdAt;
    BigDecimal payAmount;
    String payChannel;
    /** The lines' product names, one per line. */
    String goodsNames;
    Instant finishedAt;
    Instant archivedAt;
    boolean deletedByBuyer;
}
