package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "order_log_entry")
@IdClass(OrderLogEntity.Key.class)
class OrderLogEntity {
    @Id
    String orderId;
    @Id
    long sequence;
    Instant at;
    String actorRole;
    String actorId;
    String action;
    String message;
    String statusAfter;
    String correlationId;

    record Key(String orderId, long sequence) implements Serializable {
    }
}
