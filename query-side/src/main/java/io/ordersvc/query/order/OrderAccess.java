package io.ordersvc.query.order;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Who may see an order: its buyer, its shop's seller, admins and internal systems. Everyone else: 404. An order is
 * in the hot tables, or archived (order_history) and then folded from its events.
 */
@Component
class OrderAccess {

    private final OrderViewRepository orders;
    private final JdbcTemplate jdbc;

    OrderAccess(OrderViewRepository orders, JdbcTemplate jdbc) {
        this.orders = orders;
        this.jdbc = jdbc;
    }

    OrderViewEntity requireVisible(String orderId, Actor actor) {
        return orders.lookup(orderId)
                .filter(o -> Scope.of(actor).includes(o.buyerId, o.shopId))
                .orElseThrow(() -> Refusal.orderNotFound(orderId));
    }

    /**
     * The order's hot row, or empty when it is archived and the caller may see it.
     *
     * @throws Refusal 404 ORDER_NOT_FOUND when it is neither, or not the caller's to see
     */
    Optional<OrderViewEntity> requireVisibleOrArchived(String orderId, Actor actor) {
        Optional<OrderViewEntity> hot = orders.lookup(orderId);
        if (hot.isPresent()) {
            return Optional.of(requireVisible(orderId, actor));
        }
        if (archived(orderId, actor)) {
            return Optional.empty();
        }
        throw Refusal.orderNotFound(orderId);
    }

    /** Whether the order is archived and the caller may see it. */
    boolean archived(String orderId, Actor actor) {
        return jdbc.query("SELECT buyer_id, shop_id FROM order_history WHERE order_id = ?",
                (rs, i) -> Scope.of(actor).includes(rs.getString(1), rs.getString(2)), orderId).contains(true);
    }

    /** Whether an order of this id was archived (anyone's). */
    boolean archived(String orderId) {
        return !jdbc.queryForList("SELECT 1 FROM order_history WHERE order_id = ?", Integer.class, orderId).isEmpty();
    }
}
