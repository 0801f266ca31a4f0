package io.ordersvc.command.payment;

import io.ordersvc.shared.payment.PaymentEvent.PaymentReceived;
import io.ordersvc.shared.payment.PaymentEvent.ReturnedShare;
import io.ordersvc.shared.refund.RefundEvent.RefundPayoutRetried;
import io.ordersvc.shared.refund.RefundEvent.RefundPayoutStarted;
import org.apache.commons.codec.digest.DigestUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;


/**
 * The payouts to make, written by a subscribing handler in the transaction that stores their event: a refund's
 * channel share, a trade's share an order could not take, an admin's retry. Every trade is kept with its total
 * (a channel's refund names it). {@link PayoutSweep} makes them.
 */
@Component
@ProcessingGroup(Payouts.GROUP)
class Payouts {

    static final String GROUP = "payouts";
    private final PayoutTable table;

    Payouts(PayoutTable table) {
        this.table = table;
    }

    @EventHandler
    void on(RefundPayoutStarted e) {
        table.add(e.payoutId(), PayoutTable.Kind.REFUND, e.refundId(), e.orderId(), e.payNo(), e.channel(),
                e.tradeNo(), e.amount(), e.at());
    }

    @EventHandler
    void on(RefundPayoutRetried e) {
        table.retry(e.payoutId(), e.at());
    }

    @EventHandler
    void on(PaymentReceived e) {
        table.trade(e.channel(), e.tradeNo(), e.payNo(), e.amount());
        for (ReturnedShare share : e.returned()) {
            table.add(paybackId(e.tradeNo(), share.orderId()), PayoutTable.Kind.PAYBACK, null, share.orderId(),
                    e.payNo(), e.channel(), e.tradeNo(), share.amount(), e.receivedAt());
        }
    }

    /** The out_request_no of a returned share: one per trade and order, 32 characters any channel takes. */
    static String paybackId(String tradeNo, String orderId) {
        return "P" + DigestUtils.sha256Hex(tradeNo + "/" + orderId).substring(0, 31);
    }
}
