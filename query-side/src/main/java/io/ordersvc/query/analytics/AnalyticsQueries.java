package io.ordersvc.query.analytics;

import io.ordersvc.shared.analytics.AnalyticsQuery.Daily;
import io.ordersvc.shared.analytics.AnalyticsQuery.Day;
import io.ordersvc.shared.analytics.AnalyticsQuery.Funnel;
import io.ordersvc.shared.analytics.AnalyticsQuery.ProductFigures;
import io.ordersvc.shared.analytics.AnalyticsQuery.Products;
import io.ordersvc.shared.analytics.AnalyticsQuery.Reason;
import io.ordersvc.shared.analytics.AnalyticsQuery.RefundReasons;
import io.ordersvc.shared.money.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the analytics tables: a range of days of one shop or of the platform, each an index range scan of at most
 * the range's days (products and reasons: their rows in it, summed).
 */
@Component
@Transactional(readOnly = true)
public class AnalyticsQueries {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    AnalyticsQueries(JdbcTemplate jdbc, AnalyticsZone zone) {
        this.jdbc = jdbc;
        this.zone = zone.id();
    }

    private static String shop(String shopId) {
        return shopId == null ? AnalyticsBook.PLATFORM : shopId;
    }

    /** Every day of the range, those without a row as zeros. */
    public Daily daily(String shopId, LocalDate from, LocalDate to) {
        Map<LocalDate, Day> rows = new HashMap<>();
        jdbc.query("SELECT stat_date, placed, paid, gmv, refunded_amount, refund_count, cancelled, buyers, new_buyers"
                + " FROM analytics_daily WHERE shop_id = ? AND stat_date BETWEEN ? AND ?", rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            int paid = rs.getInt(3);
            BigDecimal gmv = rs.getBigDecimal(4);
            rows.put(day, new Day(day, rs.getInt(2), paid, Money.of(gmv), Money.of(rs.getBigDecimal(5)),
                    rs.getInt(6), rs.getInt(7), average(gmv, paid), rs.getInt(8), rs.getInt(9)));
        }, shop(shopId), Date.valueOf(from), Date.valueOf(to));
        List<Day> days = from.datesUntil(to.plusDays(1)).map(d -> rows.getOrDefault(d, new Day(d, 0, 0, Money.ZERO,
                Money.ZERO, 0, 0, Money.ZERO, 0, 0))).toList();
        return new Daily(shopId, zone.getId(), from, to, days);
    }

    private static Money average(BigDecimal gmv, int paid) {
        return paid == 0 ? Money.ZERO : Money.of(gmv.divide(BigDecimal.valueOf(paid), 2, RoundingMode.HALF_UP));
    }

    /**
     * The top products of the range by revenue or units sold: the products' running totals at the shop's last roll
     * day up to the range's end minus those at its last roll day before the range (analytics_product_total), so two
     * days' rows whatever the range's length. A product without a change in the range is not listed.
     */
    public Products products(String shopId, LocalDate from, LocalDate to, boolean byQuantity, int limit) {
        String shop = shop(shopId);
        LocalDate end = rollDay(shop, "<=", to);
        LocalDate before = rollDay(shop, "<", from);
        List<ProductFigures> items = end == null ? List.of() : jdbc.query("SELECT product_id, product_name, quantity,"
                        + " revenue, refunded_amount, refund_count FROM (SELECT a.product_id, a.product_name,"
                        + " a.quantity - COALESCE(b.quantity, 0) AS quantity, a.revenue - COALESCE(b.revenue, 0) AS revenue,"
                        + " a.refunded_amount - COALESCE(b.refunded_amount, 0) AS refunded_amount,"
                        + " a.refund_count - COALESCE(b.refund_count, 0) AS refund_count FROM analytics_product_total a"
                        + " LEFT JOIN analytics_product_total b ON b.shop_id = a.shop_id AND b.stat_date = ?"
                        + " AND b.product_id = a.product_id WHERE a.shop_id = ? AND a.stat_date = ?) d"
                        + " WHERE quantity > 0 OR revenue > 0 OR refunded_amount > 0 OR refund_count > 0 ORDER BY "
                        + (byQuantity ? "quantity DESC, revenue DESC" : "revenue DESC, quantity DESC")
                        + ", product_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> {
                    BigDecimal revenue = rs.getBigDecimal(4);
                    BigDecimal refunded = rs.getBigDecimal(5);
                    return new ProductFigures(rs.getString(1), rs.getString(2), rs.getInt(3), Money.of(revenue),
                            Money.of(refunded), rs.getInt(6), revenue.signum() == 0 ? BigDecimal.ZERO.setScale(4)
                            : refunded.divide(revenue, 4, RoundingMode.HALF_UP));
                }, before == null ? null : Date.valueOf(before), shop, Date.valueOf(end));
        return new Products(shopId, zone.getId(), from, to, byQuantity ? "quantity" : "revenue", items);
    }

    /** The shop's last roll day before (or up to) a day; null when it has none. */
    private LocalDate rollDay(String shop, String comparison, LocalDate day) {
        Date d = jdbc.queryForObject("SELECT MAX(stat_date) FROM analytics_product_total WHERE shop_id = ?"
                + " AND stat_date " + comparison + " ?", Date.class, shop, Date.valueOf(day));
        return d == null ? null : d.toLocalDate();
    }

    public Funnel funnel(String shopId, LocalDate from, LocalDate to) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(placed), 0), COALESCE(SUM(paid), 0), COALESCE(SUM(shipped), 0),"
                        + " COALESCE(SUM(completed), 0), COALESCE(SUM(refunded), 0) FROM analytics_funnel WHERE shop_id = ?"
                        + " AND stat_date BETWEEN ? AND ?",
                (rs, i) -> new Funnel(shopId, zone.getId(), from, to, rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), rs.getInt(5)), shop(shopId), Date.valueOf(from), Date.valueOf(to));
    }

    public RefundReasons refundReasons(String shopId, LocalDate from, LocalDate to) {
        List<Reason> reasons = jdbc.query("SELECT reason, SUM(refunds), SUM(amount) FROM analytics_refund_reason"
                        + " WHERE shop_id = ? AND stat_date BETWEEN ? AND ? GROUP BY reason ORDER BY SUM(refunds) DESC, reason",
                (rs, i) -> new Reason(rs.getString(1), rs.getInt(2), Money.of(rs.getBigDecimal(3))),
                shop(shopId), Date.valueOf(from), Date.valueOf(to));
        return new RefundReasons(shopId, zone.getId(), from, to, reasons);
    }
}
