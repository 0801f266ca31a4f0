package io.ordersvc.query.order;

import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderQuery;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderViews.ArchivedOrder;
import io.ordersvc.shared.order.OrderViews.HistoryPage;
import io.ordersvc.query.support.BatchTable;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /orders/history: archived orders (order_history), newest first. A buyer sees their own but those they hid,
 * a seller their shop's, an admin everyone's or a buyer's or shop's. Each scope has its index (V20).
 */
@Component
@Transactional(readOnly = true)
class ArchivedOrderQueries {

    private final JdbcTemplate jdbc;
    private final int countCap;

    ArchivedOrderQueries(JdbcTemplate jdbc, @Value("${orders.list.count-cap:10000}") int countCap) {
        this.jdbc = jdbc;
        this.countCap = countCap;
    }

    @QueryHandler
    HistoryPage handle(OrderQuery.ListArchived query) {
        Scope scope = Scope.of(query.actor());
        boolean admin = query.actor().is(Role.ADMIN);
        String buyer = scope.buyerId() != null ? scope.buyerId() : admin ? query.buyerId() : null;
        String shop = scope.shopId() != null ? scope.shopId() : admin ? query.shopId() : null;
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (buyer != null) {
            where.append(" AND buyer_id = ?");
            args.add(buyer);
        }
        if (shop != null) {
            where.append(" AND shop_id = ?");
            args.add(shop);
        }
        if (query.actor().is(Role.BUYER)) {
            where.append(" AND NOT deleted_by_buyer");
        }
        // Counted up to the cap, as the order list is: the whole platform's history is most of a million rows.
        long total = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM order_history" + where
                + " FETCH FIRST " + (countCap + 1) + " ROWS ONLY) capped", Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add((query.page() - 1) * query.size());
        paged.add(query.size());
        List<ArchivedOrder> items = jdbc.query("SELECT order_id, order_no, status, shop_id, created_at, pay_amount,"
                        + " pay_channel, goods_names, finished_at FROM order_history" + where
                        + " ORDER BY created_at DESC, order_no DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new ArchivedOrder(rs.getString("order_id"), rs.getString("order_no"),
                        OrderStatus.fromValue(rs.getString("status")), rs.getString("shop_id"),
                        BatchTable.instant(rs, "created_at"), Money.of(rs.getBigDecimal("pay_amount")),
                        rs.getString("pay_channel"), Arrays.asList(rs.getString("goods_names").split("\n")),
                        BatchTable.instant(rs, "finished_at")),
                paged.toArray());
        return HistoryPage.of(items, query.page(), query.size(), Math.min(total, countCap), total <= countCap);
    }
}
