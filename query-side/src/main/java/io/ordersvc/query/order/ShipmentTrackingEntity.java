package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** shipment_tracking: a parcel's traces as its carrier reported them. */
@Entity
@Table(name = "shipment_tracking")
class ShipmentTrackingEntity {
    @Id
    String shipmentId;
    String orderId;
    boolean delivered;
    String traces;
    long version;
}
