package io.ordersvc.query.refund;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "refund_view")
class RefundViewEntity {
    @Id
    String refundId;
    String orderId;
    String orderNo;
    String orderLineId;
    String productName;
    String buyerId;
    String shopId;
    String type;
    boolean goodsReceived;
    String reason;
    BigDecimal amount;
    String note;
    String evidenceUrls;
    String status;
    String refuseReason;
    String returnAddress;
    String returnCarrierCode;
    String returnCarrierName;
    String returnTrackingNo;
    Instant createdAt;
    Instant updatedAt;
    Instant refundedAt;
    String paidBack;
    String payout;
    long version;
}
