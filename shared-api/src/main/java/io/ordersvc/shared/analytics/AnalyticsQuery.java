package io.ordersvc.shared.analytics;

import io.ordersvc.shared.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The analytics read models' answers (API.md "Audit, history and analytics"). Days are calendar days in the
 * configured zone; shopId null: the whole platform.
 */
public final class AnalyticsQuery {

    private AnalyticsQuery() {
    }

    /** One day: averageOrderValue is gmv over paid orders (0.00 when none was paid). */
    public record Day(LocalDate date, int placed, int paid, Money gmv, Money refundedAmount, int refundCount,
                      int cancelled, Money averageOrderValue, int buyers, int newBuyers) {
    }

    public record Daily(String shopId, String zone, LocalDate from, LocalDate to, List<Day> days) {
    }

    /** refundRate: refunded amount over revenue, 4 decimals (0 without revenue). */
    public record ProductFigures(String productId, String productName, int quantity, Money revenue,
                                 Money refundedAmount, int refundCount, BigDecimal refundRate) {
    }

    public record Products(String shopId, String zone, LocalDate from, LocalDate to, String sort,
                           List<ProductFigures> items) {
    }

    /** Of the orders placed in the range: how many were then paid, shipped, completed, refunded (any part). */
    public record Funnel(String shopId, String zone, LocalDate from, LocalDate to, int placed, int paid, int shipped,
                         int completed, int refunded) {
    }

    public record Reason(String reason, int refunds, Money amount) {
    }

    public record RefundReasons(String shopId, String zone, LocalDate from, LocalDate to, List<Reason> reasons) {
    }
}
