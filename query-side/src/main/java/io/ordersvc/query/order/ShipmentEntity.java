package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "order_shipment_view")
class ShipmentEntity {
    @Id
    String shipmentId;
    String orderId;
    String carrierCode;
    String carrierName;
    String trackingNo;
    String lines;
    Instant shippedAt;
}
