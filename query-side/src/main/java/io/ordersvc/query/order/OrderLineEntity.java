package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

@Entity
@Table(name = "order_line_view")
class OrderLineEntity {
    @Id
    String orderLineId;
    String orderId;
    int position;
    String productId;
    String skuId;
    String skuCode;
    String productName;
    String imageUrl;
    String properties;
    BigDecimal unitPrice;
    Long pointsPrice;
    int quantity;
    BigDecimal lineTotal;
    int shippedQuantity;
    String refundState;
    BigDecimal refundedAmount;
    String lineType;
    BigDecimal memberPrice;
    BigDecimal discountShare;
    BigDecimal paidAmount;
    String promotionId;
}
