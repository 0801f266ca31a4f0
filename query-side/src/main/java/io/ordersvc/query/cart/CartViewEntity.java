package io.ordersvc.query.cart;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** cart_view: a buyer's cart items as one JSON document (CartProjection.StoredItem), newest last. */
@Entity
@Table(name = "cart_view")
class CartViewEntity {
    @Id
    String buyerId;
    String items;
    Instant updatedAt;
    long version;
}
