package io.ordersvc.query.wallet;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** wallet_view: a buyer's points (available and frozen by unpaid orders) and balance. */
@Entity
@Table(name = "wallet_view")
class WalletViewEntity {
    @Id
    String buyerId;
    long points;
    long frozenPoints;
    BigDecimal balance;
    long version;
}
