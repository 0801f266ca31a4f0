package io.ordersvc.query.wallet;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** points_ledger: one row per change of a buyer's available points. */
@Entity
@Table(name = "points_ledger")
@IdClass(PointsLedgerEntity.Key.class)
class PointsLedgerEntity {
    @Id
    String buyerId;
    @Id
    long sequence;
    Instant at;
    long delta;
    String reason;
    String orderId;

    record Key(String buyerId, long sequence) implements Serializable {
    }
}
