package io.ordersvc.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.GiftCardCommand;
import io.ordersvc.shared.wallet.GiftCardCommand.BindGiftCard;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardBound;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardIssued;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardRefunded;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardReturned;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardSpent;
import org.apache.commons.codec.digest.DigestUtils;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A gift card: issued with an amount and a secret (only its hash is kept), bound once by the buyer who knows the
 * secret, then spent in parts by that buyer's checkouts until its balance or its validity runs out. What each order
 * took is remembered, so a cancellation gives it back once and a refund returns at most what the order took.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class GiftCard {

    @AggregateIdentifier
    private String cardId;
    private String number;
    private String secretHash;
    private Money balance;
    private Instant validUntil;
    private String buyerId;
    /** order id → what it took and has not had back. */
    private Map<String, Money> spent = new HashMap<>();
    private Set<String> refunds = new HashSet<>();

    public GiftCard() {
    }

    GiftCard(GiftCardIssued issued) {
        apply(issued);
    }

    public record GiftCardAck(String number, Money balance, long version) {
    }

    /** SHA-256 of the number and the secret: what a card keeps instead of its secret. */
    static String hash(String number, String secret) {
        return DigestUtils.sha256Hex(number + ":" + secret);
    }

    @CommandHandler
    public GiftCardAck handle(BindGiftCard cmd, Clock clock) {
        if (!cmd.actor().is(Role.BUYER)) {
            throw Refusal.forbidden("only buyers bind gift cards");
        }
        if (!MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.UTF_8),
                hash(number, cmd.secret()).getBytes(StandardCharsets.UTF_8))) {
            throw Refusal.invalidGiftCard();
        }
        if (buyerId != null && !buyerId.equals(cmd.actor().id())) {
            throw Refusal.conflict("GIFT_CARD_ALREADY_BOUND", "the gift card is bound to another buyer");
        }
        if (!clock.instant().isBefore(validUntil)) {
            throw Refusal.unprocessable("GIFT_CARD_EXPIRED", "the gift card was valid until " + validUntil);
        }
        if (buyerId == null) {
            apply(new GiftCardBound(number, cmd.actor().id(), clock.instant()));
        }
        return new GiftCardAck(number, balance, AggregateLifecycle.getVersion());
    }

    /** What the buyer may spend of it now; null when it is not the buyer's. */
    GiftCards.Standing standing(String buyer, Instant now) {
        if (!buyer.equals(buyerId)) {
            return null;
        }
        return new GiftCards.Standing(number, expired(now) ? Money.ZERO : balance, expired(now));
    }

    private boolean expired(Instant now) {
        return !now.isBefore(validUntil);
    }

    /** @throws Refusal GIFT_CARD_NOT_FOUND (not the buyer's), GIFT_CARD_EXPIRED, INSUFFICIENT_GIFT_CARD */
    void spend(String buyer, Map<String, Money> byOrder, Instant now) {
        if (!buyer.equals(buyerId)) {
            throw notFound(number);
        }
        if (expired(now)) {
            throw Refusal.unprocessable("GIFT_CARD_EXPIRED", "the gift card was valid until " + validUntil);
        }
        Money asked = byOrder.values().stream().reduce(Money.ZERO, Money::plus);
        if (asked.compareTo(balance) > 0) {
            throw Refusal.unprocessable("INSUFFICIENT_GIFT_CARD", "the gift card holds " + balance + ", " + asked
                    + " asked").with("available", balance);
        }
        byOrder.forEach((orderId, amount) -> {
            if (amount.isPositive()) {
                apply(new GiftCardSpent(number, buyer, orderId, amount, balance.minus(amount), now));
            }
        });
    }

    static Refusal notFound(String number) {
        return Refusal.unprocessable("GIFT_CARD_NOT_FOUND", "no gift card " + number + " is bound to the buyer");
    }

    /** Gives back what an unpaid order took, once; the card's validity does not matter for money coming back. */
    void giveBack(String orderId, String reason, Instant now) {
        Money took = spent.get(orderId);
        if (took != null) {
            apply(new GiftCardReturned(number, buyerId, orderId, took, reason, balance.plus(took), now));
        }
    }

    /** A refund's share back on the card, at most what the order took, once per refund. */
    void refunded(String orderId, String refundId, Money amount, Instant now) {
        Money took = spent.getOrDefault(orderId, Money.ZERO);
        Money back = amount.min(took);
        if (!refunds.contains(refundId) && back.isPositive()) {
            apply(new GiftCardRefunded(number, buyerId, orderId, refundId, back, balance.plus(back), now));
        }
    }

    @EventSourcingHandler
    void on(GiftCardIssued e) {
        cardId = GiftCardCommand.cardId(e.number());
        number = e.number();
        secretHash = e.secretHash();
        balance = e.amount();
        validUntil = e.validUntil();
    }

    @EventSourcingHandler
    void on(GiftCardBound e) {
        buyerId = e.buyerId();
    }

    @EventSourcingHandler
    void on(GiftCardSpent e) {
        balance = e.balanceAfter();
        spent.merge(e.orderId(), e.amount(), Money::plus);
    }

    @EventSourcingHandler
    void on(GiftCardReturned e) {
        balance = e.balanceAfter();
        spent.remove(e.orderId());
    }

    @EventSourcingHandler
    void on(GiftCardRefunded e) {
        balance = e.balanceAfter();
        spent.computeIfPresent(e.orderId(), (k, v) -> v.minus(e.amount()));
        refunds.add(e.refundId());
    }
}
