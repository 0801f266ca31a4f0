package io.ordersvc.shared.wallet;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A buyer's wallet (seed 003 use_integral and use_money, 002 yoho coin): points and balance, each with its ledger.
 * Checkout takes from it in its own unit of work; these are the commands from outside checkout.
 */
public sealed interface WalletCommand extends ActorAware {

    /** A buyer's wallet aggregate: its id is the buyer's, prefixed so that it never meets another aggregate's. */
    static String walletId(String buyerId) {
        return "wallet-" + buyerId;
    }

    /** POST /members/{buyer_id}/points (admin): a correction or a grant, with its reason; never below zero. */
    record AdjustPoints(@TargetAggregateIdentifier String walletId, String buyerId, long delta, String reason,
                        Actor actor) implements WalletCommand {
    }

    /** POST /members/{buyer_id}/balance (admin, system): a top-up or a correction, with its reason. */
    record AdjustBalance(@TargetAggregateIdentifier String walletId, String buyerId, Money delta, String reason,
                         Actor actor) implements WalletCommand {
    }

    /**
     * What a completed order earns now (its price's points_earned, less the share of what was refunded). The
     * order's earning is set, not added to: the same report again changes nothing, a lower one takes points back.
     */
    record EarnPoints(@TargetAggregateIdentifier String walletId, String buyerId, String orderId, long points,
                      Actor actor) implements WalletCommand {
    }

    /** An order holding points was paid: its frozen points are spent. The same order again changes nothing. */
    record SettlePoints(@TargetAggregateIdentifier String walletId, String buyerId, String orderId, Actor actor)
            implements WalletCommand {
    }
}
