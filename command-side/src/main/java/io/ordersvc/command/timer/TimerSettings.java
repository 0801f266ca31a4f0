package io.ordersvc.command.timer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param autoConfirmAfter after the last shipment, receipt is confirmed for the buyer (default 10 days)
 * @param reviewWindow     after completion, the order stops waiting for a review (default 15 days)
 */
@ConfigurationProperties("orders.timers")
public record TimerSettings(Duration autoConfirmAfter, Duration reviewWindow) {

    public TimerSettings {
        autoConfirmAfter = autoConfirmAfter == null ? Duration.ofDays(10) : autoConfirmAfter;
        reviewWindow = reviewWindow == null ? Duration.ofDays(15) : reviewWindow;
    }
}
