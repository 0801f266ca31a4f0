package io.ordersvc.query.wallet;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** balance_ledger: one row per change of a buyer's balance. */
@Entity
@Table(name = "balance_ledger")
@IdClass(BalanceLedgerEntity.Key.class)
class BalanceLedgerEntity {
    @Id
    String buyerId;
    @Id
    long sequence;
    Instant at;
    BigDecimal delta;
    String reason;
    String orderId;

    record Key(String buyerId, long sequence) implements Serializable {
    }
}
