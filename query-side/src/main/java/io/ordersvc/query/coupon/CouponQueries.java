package io.ordersvc.query.coupon;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.coupon.CouponQuery.CouponList;
import io.ordersvc.shared.coupon.CouponQuery.CouponTemplatePage;
import io.ordersvc.shared.coupon.CouponQuery.CouponTemplateView;
import io.ordersvc.shared.coupon.CouponQuery.CouponView;
import io.ordersvc.shared.coupon.CouponQuery.ListCouponTemplates;
import io.ordersvc.shared.coupon.CouponQuery.ListCoupons;
import io.ordersvc.shared.coupon.CouponType;
import io.ordersvc.shared.money.Money;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A buyer's coupons by status (expired: unused past use_until, by the clock), and the templates. */
@Component
@Transactional(readOnly = true)
public class CouponQueries {

    /** A buyer's list answers at most this many coupons of one status. */
    static final int MAX_LISTED = 500;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CouponQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The newest wallet version among the buyer's coupons (a claim's ack carries the one its coupon has). */
    public Optional<Long> version(String buyerId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT max(version) FROM coupon_view WHERE buyer_id = ?",
                Long.class, buyerId));
    }

    @QueryHandler
    CouponList handle(ListCoupons query) {
        Timestamp now = Timestamp.from(clock.instant());
        String where;
        List<Object> args = new ArrayList<>(List.of(query.buyerId()));
        String order;
        if (query.status() == null) {
            where = "";
            order = "received_at DESC";
        } else {
            switch (query.status()) {
                case "usable" -> {
                    where = " AND state = 'usable' AND use_until > ?";
                    args.add(now);
                    order = "use_until, coupon_id";
                }
                case "used" -> {
                    where = " AND state IN ('used', 'locked')";
                    order = "received_at DESC";
                }
                case "expired" -> {
                    where = " AND state = 'usable' AND use_until <= ?";
                    args.add(now);
                    order = "use_until DESC";
                }
                default -> throw new IllegalArgumentException("status " + query.status());
            }
        }
        Instant at = now.toInstant();
        List<CouponView> coupons = jdbc.query("SELECT * FROM coupon_view WHERE buyer_id = ?" + where + " ORDER BY "
                + order + " LIMIT " + MAX_LISTED, (rs, i) -> coupon(rs, at), args.toArray());
        return new CouponList(coupons, version(query.buyerId()).orElse(-1L));
    }

    private static CouponView coupon(ResultSet rs, Instant now) throws SQLException {
        Instant until = BatchTable.instant(rs, "use_until");
        String state = rs.getString("state");
        String status = CouponProjection.USABLE.equals(state) && !now.isBefore(until) ? "expired" : state;
        return new CouponView(rs.getString("coupon_id"), rs.getString("template_id"), rs.getString("shop_id"),
                rs.getString("name"), type(rs.getString("type")), money(rs.getBigDecimal("amount")),
                rs.getBigDecimal("rate"), money(rs.getBigDecimal("min_spend")), BatchTable.instant(rs, "use_from"),
                until, status, CouponProjection.ids(rs.getString("order_ids")), rs.getString("via"),
                BatchTable.instant(rs, "received_at"), BatchTable.instant(rs, "used_at"));
    }

    @QueryHandler
    CouponTemplatePage handle(ListCouponTemplates query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.shopId() != null) {
            where.append(" AND shop_id = ?");
            args.add(query.shopId());
        }
        if (query.claimable()) {
            Timestamp now = Timestamp.from(clock.instant());
            where.append(" AND claim_from <= ? AND claim_until > ? AND total > issued + codes");
            args.add(now);
            args.add(now);
        }
        long total = jdbc.queryForObject("SELECT count(*) FROM coupon_template_view" + where, Long.class,
                args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(query.size());
        paged.add((long) (query.page() - 1) * query.size());
        List<CouponTemplateView> items = jdbc.query("SELECT * FROM coupon_template_view" + where
                + " ORDER BY created_at DESC, template_id LIMIT ? OFFSET ?", (rs, i) -> template(rs), paged.toArray());
        return new CouponTemplatePage(items, query.page(), query.size(), total);
    }

    private static CouponTemplateView template(ResultSet rs) throws SQLException {
        int total = rs.getInt("total");
        int issued = rs.getInt("issued");
        int codes = rs.getInt("codes");
        Integer validDays = (Integer) rs.getObject("valid_days");
        return new CouponTemplateView(rs.getString("template_id"), rs.getString("shop_id"), rs.getString("name"),
                type(rs.getString("type")), money(rs.getBigDecimal("amount")), rs.getBigDecimal("rate"),
                money(rs.getBigDecimal("min_spend")), JsonText.read(rs.getString("category_ids"), STRINGS),
                JsonText.read(rs.getString("exclude_category_ids"), STRINGS),
                JsonText.read(rs.getString("member_levels"), INTS), rs.getInt("per_buyer_limit"), total, issued,
                codes, rs.getInt("used"), total - issued - codes, BatchTable.instant(rs, "claim_from"),
                BatchTable.instant(rs, "claim_until"), BatchTable.instant(rs, "use_from"),
                BatchTable.instant(rs, "use_until"), validDays, BatchTable.instant(rs, "created_at"));
    }

    private static CouponType type(String value) {
        return CouponType.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static Money money(BigDecimal amount) {
        return amount == null ? null : Money.of(amount.setScale(2));
    }
}
