package io.ordersvc.command.order;

import io.ordersvc.platform.FeatureApi;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The order's periods and rates. The periods become due dates in the events that start them (OrderPlaced's
 * payable_until, OrderShipped's auto_confirm_at, OrderReceiptConfirmed's review_until and after_sales_until): a
 * changed setting applies to orders from then on, never to dates already promised.
 *
 * @param paymentWindow    how long a new order may be paid (payable_until = created_at + this)
 * @param pointsPerYuan    points a buyer earns per whole yuan paid for a physical order
 * @param afterSalesWindow how long after completion a refund may be applied for
 * @param timers           the periods the order timers count
 * @param invoiceFeeRate   the share of an order's total charged when an invoice is asked for (default 0)
 */
@ConfigurationProperties("orders")
@FeatureApi // the catalog's tests and the timers read the periods; the order feature owns them
public record OrderSettings(Duration paymentWindow, BigDecimal pointsPerYuan, Duration afterSalesWindow,
                            Timers timers, BigDecimal invoiceFeeRate) {

    /**
     * @param autoConfirmAfter after the last shipment, receipt is confirmed for the buyer (default 10 days)
     * @param reviewWindow     after completion, the order stops waiting for a review (default 15 days)
     * @param receiptExtension how much later the buyer's one extension moves the automatic receipt (default 3 days)
     */
    public record Timers(Duration autoConfirmAfter, Duration reviewWindow, Duration receiptExtension) {
        public Timers {
            autoConfirmAfter = autoConfirmAfter == null ? Duration.ofDays(10) : autoConfirmAfter;
            reviewWindow = reviewWindow == null ? Duration.ofDays(15) : reviewWindow;
            receiptExtension = receiptExtension == null ? Duration.ofDays(3) : receiptExtension;
        }
    }

    public OrderSettings {
        afterSalesWindow = afterSalesWindow == null ? Duration.ofDays(15) : afterSalesWindow;
        paymentWindow = paymentWindow == null ? Duration.ofHours(24) : paymentWindow;
        pointsPerYuan = pointsPerYuan == null ? BigDecimal.ONE : pointsPerYuan;
        timers = timers == null ? new Timers(null, null, null) : timers;
        invoiceFeeRate = invoiceFeeRate == null ? BigDecimal.ZERO : invoiceFeeRate;
    }

    public static OrderSettings defaults() {
        return new OrderSettings(null, null, null, null, null);
    }
}
