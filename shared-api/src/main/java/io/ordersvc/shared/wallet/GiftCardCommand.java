package io.ordersvc.shared.wallet;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Gift cards (seed 003 use_card, card_number): issued in batches by admins, bound by a buyer, spent at checkout. */
public sealed interface GiftCardCommand extends ActorAware {

    /** A gift card's aggregate: its id is its number, prefixed so that it never meets another aggregate's. */
    static String cardId(String number) {
        return "giftcard-" + number;
    }

    /** POST /gift-cards (admin): count new cards of one amount, each with a 16-digit number and a secret. */
    record IssueGiftCards(int count, Money amount, Instant validUntil, Actor actor) implements GiftCardCommand {
    }

    /** POST /gift-cards/bind (buyer): the card becomes the buyer's, if the secret is its own. */
    record BindGiftCard(@TargetAggregateIdentifier String cardId, String number, String secret, Actor actor)
            implements GiftCardCommand {
    }
}
