package io.ordersvc.command.payment;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One payment channel's side of a payment: the parameters its client SDK needs, signed as the channel expects, and
 * its notifications, verified (signature, merchant, state) before anything is believed.
 */
interface ChannelGateway {

    /** The channel values this gateway serves (Alipay: app and wap). */
    Set<PaymentChannel> serves();

    /** Configured: its merchant keys are set. */
    boolean on();

    /**
     * What the channel needs beside the amount, checked before the request is recorded (a refusal changes nothing).
     *
     * @throws io.ordersvc.shared.error.Refusal when the client left out what the channel needs
     */
    default void requireExtras(PaymentChannel channel, Extras extras) {
    }

    /**
     * The signed parameters the client hands to the channel's SDK.
     *
     * @throws io.ordersvc.shared.error.Refusal CHANNEL_UNAVAILABLE when the channel must be asked first (WeChat's
     *                                          prepay) and did not answer
     */
    Map<String, Object> params(PaymentDesk.PaymentDue due, Extras extras);

    /**
     * A notification, verified.
     *
     * @throws io.ordersvc.shared.error.Refusal BAD_SIGNATURE (400) when the signature, the merchant or the app does
     *                                          not check out
     */
    Notice verify(Inbound inbound);

    /**
     * Pays money back through the channel, idempotent on the payout id (the channel's out_request_no): asked again
     * after a failure or a crash, the channel pays it once.
     */
    PayoutAnswer refund(Payout payout);

    /**
     * @param tradeAmount what the trade took in all (WeChat Pay names it with the refund)
     */
    record Payout(String payoutId, String tradeNo, Money amount, Money tradeAmount, String reason) {
    }

    /** What a channel answered a payout. */
    sealed interface PayoutAnswer {
        /** Paid back; channelRefundNo is the channel's number for it. */
        record Paid(String channelRefundNo) implements PayoutAnswer {
        }

        /** Not yet (the channel is processing it, or did not answer): ask again later. */
        record Later(String why) implements PayoutAnswer {
        }

        /** The channel refused it for good. */
        record Refused(String why) implements PayoutAnswer {
        }
    }

    /** What the channel expects when the notification was taken (it stops sending it). */
    ResponseEntity<?> taken();

    /** What the client sent beside the channel. */
    record Extras(String returnUrl, String openId, String clientIp) {
    }

    /** A notification as it arrived: form fields, or a body with its headers. */
    record Inbound(PaymentChannel channel, Map<String, String> form, String body, HttpHeaders headers) {
    }

    /**
     * What a verified notification says.
     *
     * @param outTradeNo the request it pays; null when the simulator names only the pay number
     * @param paid       the channel took the money; false: a state that changes nothing here (waiting, closed)
     */
    record Notice(String payNo, String outTradeNo, String tradeNo, Money amount, boolean paid, Instant paidAt) {
    }
}
