package io.ordersvc.command.payment;

import io.ordersvc.command.payment.ChannelGateway.PayoutAnswer;
import io.ordersvc.command.support.Backoff;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.payment.PaymentCommand.SettlePayback;
import io.ordersvc.shared.refund.RefundCommand.ConfirmPayout;
import io.ordersvc.shared.refund.RefundCommand.FailPayout;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Makes the payouts: a recurring task (on the timers' db-scheduler, one instance at a time) claims the due rows of
 * {@code payout} ({@code FOR UPDATE SKIP LOCKED}), asks each channel to pay back, then records the outcome on the
 * refund or the pay number. A channel that did not answer or is still processing is asked again with back-off
 * (base doubling per attempt, capped); after the last attempt, or when the channel refuses, the payout is failed,
 * visible on the refund, and an admin may retry it. A crash between the channel's answer and the record leaves the
 * row claimed: it is due again when the claim lapses, and the channel, asked again with the same out_request_no,
 * pays once.
 */
@Component
class PayoutSweep {

    private static final Logger log = LoggerFactory.getLogger(PayoutSweep.class);
    private static final Actor PAYOUTS = Actor.system("payouts");
    private final PayoutTable table;
    private final PaymentConfig.Channels channels;
    private final CommandGateway gateway;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration claim;

    PayoutSweep(PayoutTable table, PaymentConfig.Channels channels, CommandGateway gateway, Clock clock,
                @Value("${orders.payouts.backoff:30s}") Duration backoff,
                @Value("${orders.payouts.max-backoff:1h}") Duration maxBackoff,
                @Value("${orders.payouts.max-attempts:12}") int maxAttempts,
                @Value("${orders.payouts.claim:2m}") Duration claim) {
        this.table = table;
        this.channels = channels;
        this.gateway = gateway;
        this.clock = clock;
        this.backoff = new Backoff(backoff, maxBackoff);
        this.maxAttempts = maxAttempts;
        this.claim = claim;
    }

    /** @return how many payouts it worked on */
    int sweep() {
        Instant now = clock.instant();
        var due = table.claim(now, now.plus(claim), 50);
        for (PayoutTable.Due d : due) {
            try {
                make(d, now);
            } catch (RuntimeException e) { // the record failed (the database away): due again when the claim lapses
                log.warn("payout {} not recorded, tried again after the claim: {}", d.payoutId(), e.toString(), e);
            }
        }
        return due.size();
    }

    private void make(PayoutTable.Due due, Instant now) {
        int attempt = due.attempts() + 1;
        PayoutAnswer answer;
        try {
            answer = due.tradeAmount() == null ? new PayoutAnswer.Later("the trade " + due.tradeNo() + " is not known")
                    : channels.of(due.channel()).refund(new ChannelGateway.Payout(due.payoutId(), due.tradeNo(),
                    due.amount(), due.tradeAmount(), due.kind() == PayoutTable.Kind.REFUND ? "退款"
                    : "订单已关闭，退回款项"));
        } catch (RuntimeException e) { // the channel switched off since, or its client failed
            answer = new PayoutAnswer.Later(e.getMessage());
        }
        if (answer instanceof PayoutAnswer.Paid paid) {
            settle(due, true, paid.channelRefundNo(), null, attempt);
            table.done(due.payoutId());
        } else if (answer instanceof PayoutAnswer.Refused refused) {
            failed(due, refused.why(), attempt);
        } else if (attempt >= maxAttempts) {
            failed(due, "no success after " + attempt + " attempts; last: " + ((PayoutAnswer.Later) answer).why(),
                    attempt);
        } else {
            table.later(due.payoutId(), attempt, now.plus(backoff.after(attempt)), ((PayoutAnswer.Later) answer).why());
        }
    }

    private void failed(PayoutTable.Due due, String why, int attempts) {
        log.warn("payout {} of {} failed: {}", due.payoutId(), due.amount(), why);
        settle(due, false, null, why, attempts);
        table.failed(due.payoutId(), attempts, why);
    }

    private void settle(PayoutTable.Due due, boolean paid, String channelRefundNo, String why, int attempts) {
        Object command = due.kind() == PayoutTable.Kind.REFUND
                ? paid ? new ConfirmPayout(due.refundId(), due.payoutId(), channelRefundNo, attempts, PAYOUTS)
                : new FailPayout(due.refundId(), due.payoutId(), why, attempts, PAYOUTS)
                : new SettlePayback(due.payNo(), due.payoutId(), due.orderId(), due.amount(), paid, channelRefundNo,
                why, attempts, PAYOUTS);
        gateway.sendAndWait(command, 10, TimeUnit.SECONDS);
    }
}
