package io.ordersvc.query.wallet;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** gift_card_view: a card's balance and, once bound, its buyer. */
@Entity
@Table(name = "gift_card_view")
class GiftCardViewEntity {
    @Id
    String number;
    String batchId;
    String buyerId;
    BigDecimal amount;
    BigDecimal balance;
    Instant validUntil;
    Instant boundAt;
    long version;
}
