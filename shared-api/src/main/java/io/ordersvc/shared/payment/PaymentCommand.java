package io.ordersvc.shared.payment;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;

import java.time.Instant;

/** Taking the money of a pay number through a payment channel. */
public sealed interface PaymentCommand extends ActorAware {

    String payNo();

    /**
     * POST /payments/{pay_no}/requests (the buyer): what each unpaid order owes now, under an out_trade_no.
     *
     * @param orderId one order of the pay number only; null: every order that still owes money
     */
    record RequestPayment(String payNo, PaymentChannel channel, String orderId,
                          Actor actor) implements PaymentCommand {
    }

    /**
     * A trade a channel reported and whose signature was verified: pays the orders of the request it names.
     *
     * @param outTradeNo the request's number; null (the simulator naming only the pay number): the latest request
     *                   of that channel, or what the orders owe now
     */
    record ReceivePayment(String payNo, String outTradeNo, PaymentChannel channel,
                          String tradeNo, Money amount, Instant paidAt, Actor actor) implements PaymentCommand {
    }

    /** The payout process: a returned share went back (or could not): recorded on the pay number once. */
    record SettlePayback(String payNo, String payoutId, String orderId, Money amount, boolean paid,
                         String channelRefundNo, String reason, int attempts, Actor actor) implements PaymentCommand {
    }

    /** The Payment aggregate of a pay number: prefixed, so that it never meets another aggregate's id. */
    static String paymentId(String payNo) {
        return "pay-" + payNo;
    }

    /** The pay number an out_trade_no belongs to: its digits before the underscore. */
    static String payNoOf(String outTradeNo) {
        int cut = outTradeNo.indexOf('_');
        return cut < 0 ? outTradeNo : outTradeNo.substring(0, cut);
    }
}
