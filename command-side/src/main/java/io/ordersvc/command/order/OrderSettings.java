package io.ordersvc.command.order;

import io.ordersvc.platform.FeatureApi;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * @param paymentWindow how long a new order may be paid (payable_until = created_at + this)
 * @param pointsPerYuan points a buyer earns per whole yuan paid for a physical order
 * @param afterSalesWindow how long after completion a refund may be applied for
 */
@ConfigurationProperties("orders")
@FeatureApi // the refund feature checks the after-sales window, the timers the windows' lengths
public record OrderSettings(Duration paymentWindow, BigDecimal pointsPerYuan, Duration afterSalesWindow) {

    public OrderSettings {
        afterSalesWindow = afterSalesWindow == null ? Duration.ofDays(15) : afterSalesWindow;
        paymentWindow = paymentWindow == null ? Duration.ofHours(24) : paymentWindow;
        pointsPerYuan = pointsPerYuan == null ? BigDecimal.ONE : pointsPerYuan;
    }
}
