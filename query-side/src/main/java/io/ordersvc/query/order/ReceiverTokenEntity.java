package io.ordersvc.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * order_receiver_token (V28): the blind tokens a hot order's receiver searches match (PersonalDataVault#searchTokens),
 * empty once its buyer is erased. A table of their own, written only when the receiver is: order_view's rows change
 * with every status, and each of those updates would otherwise insert some 50 entries into the tokens' GIN index.
 * The archive deletes an order's row with its order_view row.
 */
@Entity
@Table(name = "order_receiver_token")
class ReceiverTokenEntity {
    @Id
    String orderId;
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    Long[] tokens;

    static ReceiverTokenEntity of(String orderId, Long[] tokens) {
        var t = new ReceiverTokenEntity();
        t.orderId = orderId;
        t.tokens = tokens;
        return t;
    }
}
