package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The deadlines an order waits for; when one passes, the system sends the order a command. */
public enum TimerType {
    /** At payable_until: an unpaid order is cancelled and its stock released. */
    PAYMENT_TIMEOUT,
    /** After the last shipment: receipt is confirmed for the buyer (held while a refund is open). */
    AUTO_CONFIRM,
    /** After completion: the order stops waiting for a review. */
    REVIEW_WINDOW,
    /** After completion: no more refund applications. */
    AFTER_SALES_WINDOW,
    /** At an e-ticket's validity end: unused tickets expire (and an order whose tickets are all settled completes). */
    TICKET_EXPIRY;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
