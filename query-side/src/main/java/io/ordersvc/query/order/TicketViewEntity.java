package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** ticket_view: one e-ticket of an order. */
@Entity
@Table(name = "ticket_view")
class TicketViewEntity {
    @Id
    String code;
    String orderId;
    String buyerId;
    String shopId;
    String orderLineId;
    String productName;
    BigDecimal amount;
    String status;
    Instant validFrom;
    Instant validUntil;
    Instant usedAt;
    String refundId;
    long version;
    int position;
}
