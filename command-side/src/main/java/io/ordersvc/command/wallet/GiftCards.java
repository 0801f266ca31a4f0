package io.ordersvc.command.wallet;

import io.ordersvc.command.support.LockOrder;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.platform.ids.ThreadRandom;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.GiftCardCommand;
import io.ordersvc.shared.wallet.GiftCardCommand.IssueGiftCards;
import io.ordersvc.shared.wallet.GiftCardEvent.GiftCardIssued;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Issuing gift cards, and the cards as checkout, cancellation and refunds use them inside their own units of work
 * (loaded through {@link LockOrder}: after the wallet, before products).
 */
@Component
@FeatureApi
public class GiftCards {

    /** At most this many cards in one batch: a batch is one transaction. */
    public static final int MAX_BATCH = 1000;
    /** Secrets avoid 0/O and 1/I; 12 of these 32 characters are 60 random bits. */
    private static final String SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Repository<GiftCard> cards;
    private final IdGenerator ids;
    private final RandomGenerator random = ThreadRandom.generator();

    public GiftCards(Repository<GiftCard> cards, IdGenerator ids) {
        this.cards = cards;
        this.ids = ids;
    }

    /** A card as issued: its number and secret are shown once, here. */
    public record Issued(String number, String secret, Money amount, Instant validUntil) {
    }

    public record Batch(String batchId, List<Issued> cards) {
    }

    @CommandHandler
    public Batch handle(IssueGiftCards cmd, Clock clock) throws Exception {
        if (!cmd.actor().is(Role.ADMIN)) {
            throw Refusal.forbidden("only admins issue gift cards");
        }
        Instant now = clock.instant();
        if (!cmd.validUntil().isAfter(now)) {
            throw Refusal.unprocessable("INVALID_VALIDITY", "valid_until must be in the future");
        }
        String batchId = ids.generateId().toString();
        List<Issued> issued = new ArrayList<>();
        for (int i = 0; i < cmd.count(); i++) {
            String number = number();
            String secret = secret();
            GiftCardIssued event = new GiftCardIssued(number, batchId, cmd.amount(), GiftCard.hash(number, secret),
                    cmd.validUntil(), cmd.actor().id(), now);
            cards.newInstance(() -> new GiftCard(event));
            issued.add(new Issued(number, secret, cmd.amount(), cmd.validUntil()));
        }
        return new Batch(batchId, issued);
    }

    /** 16 random digits, the first not 0 (about 53 bits: numbers cannot be guessed either). */
    private String number() {
        StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
        while (digits.length() < 16) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private String secret() {
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }

    /** What a buyer may spend of a card now. */
    public record Standing(String number, Money usable, boolean expired) {
    }

    /** Loads (and so locks) the card; null when no such card is the buyer's. */
    public Standing standing(String buyerId, String number, Instant now) {
        Aggregate<GiftCard> card = card(number);
        return card == null ? null : card.invoke(c -> c.standing(buyerId, now));
    }

    void spend(String buyerId, String number, Map<String, Money> byOrder, Instant now) {
        Aggregate<GiftCard> card = card(number);
        if (card == null) {
            throw GiftCard.notFound(number);
        }
        card.execute(c -> c.spend(buyerId, byOrder, now));
    }

    void giveBack(String number, String orderId, String reason, Instant now) {
        Aggregate<GiftCard> card = card(number);
        if (card != null) {
            card.execute(c -> c.giveBack(orderId, reason, now));
        }
    }

    void refunded(String number, String orderId, String refundId, Money amount, Instant now) {
        Aggregate<GiftCard> card = card(number);
        if (card != null) {
            card.execute(c -> c.refunded(orderId, refundId, amount, now));
        }
    }

    private Aggregate<GiftCard> card(String number) {
        try {
            return LockOrder.load(cards, LockOrder.Rank.GIFT_CARD, GiftCardCommand.cardId(number),
                    id -> new AggregateNotFoundException(id, "no gift card"));
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }
}
