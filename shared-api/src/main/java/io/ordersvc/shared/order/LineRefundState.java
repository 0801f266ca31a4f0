package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where an order line stands in after-sales: none → applying → (refunding: awaiting the goods) → succeeded, or
 * failed (refused); a withdrawn application goes back to none, or to succeeded if money went back before.
 */
public enum LineRefundState {
    NONE, APPLYING, REFUNDING, SUCCEEDED, FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LineRefundState fromValue(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }

    /** A refund is applying or awaiting goods on the line: the order is locked for shipping and receipt. */
    public boolean open() {
        return this == APPLYING || this == REFUNDING;
    }

    /** The state after a refund ended without money. */
    public static LineRefundState afterEnding(RefundOutcome outcome, boolean refundedBefore) {
        return outcome == RefundOutcome.REFUSED ? FAILED : refundedBefore ? SUCCEEDED : NONE;
    }
}
