package io.ordersvc.query.refund;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "refund_log_entry")
@IdClass(RefundLogEntity.Key.class)
class RefundLogEntity {
    @Id
    String refundId;
    @Id
    long sequence;
    Instant at;
    String actorRole;
    String actorId;
    String action;
    String message;
    String statusAfter;

    record Key(String refundId, long sequence) implements Serializable {
    }
}
