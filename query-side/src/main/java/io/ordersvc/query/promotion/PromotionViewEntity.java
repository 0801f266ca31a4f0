package io.ordersvc.query.promotion;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** promotion_view: a promotion's terms as one JSON document, with what lists filter by in columns. */
@Entity
@Table(name = "promotion_view")
class PromotionViewEntity {
    @Id
    String promotionId;
    String shopId;
    String name;
    String type;
    Instant startsAt;
    Instant endsAt;
    Instant endedAt;
    String rules;
    Instant createdAt;
    long version;
}
