package io.ordersvc.command.wallet;

import io.ordersvc.command.support.LockOrder;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletCommand;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A buyer's wallet as checkout and cancellation use it, inside their own units of work: what checkout takes commits
 * with the orders it placed, and what a cancellation gives back with the cancellation. The wallet is loaded through
 * {@link LockOrder} (after the cart and the order, before products).
 */
@Component
@FeatureApi
public class Wallets {

    private final Repository<Wallet> wallets;
    private final GiftCards cards;

    public Wallets(Repository<Wallet> wallets, GiftCards cards) {
        this.wallets = wallets;
        this.cards = cards;
    }

    /** What an order takes: points to freeze, balance to spend, and what the checkout's gift card pays. */
    public record Take(String orderId, long points, Money balance, Money giftCard) {

        public Take(String orderId, long points, Money balance) {
            this(orderId, points, balance, Money.ZERO);
        }
    }

    /** What the buyer may spend now. */
    public record Standing(long points, Money balance) {
        public static final Standing NONE = new Standing(0, Money.ZERO);
    }

    /** What the buyer holds now; loads (and so locks) the wallet for the rest of the unit of work. */
    public Standing standing(String buyerId) {
        return wallet(buyerId).invoke(Wallet::standing);
    }

    /**
     * Takes what each order spends, or nothing (a refusal leaves nothing applied).
     *
     * @param giftCard the number of the card that pays the takes' giftCard amounts (null: none)
     */
    public void take(String buyerId, List<Take> takes, String giftCard, Instant now) {
        if (takes.stream().allMatch(t -> t.points() == 0 && !t.balance().isPositive()
                && !t.giftCard().isPositive())) {
            return;
        }
        wallet(buyerId).execute(w -> w.take(buyerId, takes, giftCard, now));
        Map<String, Money> byOrder = new LinkedHashMap<>();
        takes.forEach(t -> byOrder.put(t.orderId(), t.giftCard()));
        if (byOrder.values().stream().anyMatch(Money::isPositive)) {
            cards.spend(buyerId, giftCard, byOrder, now);
        }
    }

    /** Gives back a refund's share of points and balance, once, in the payout's unit of work. */
    public void refunded(String buyerId, String orderId, String refundId, long points, Money balance,
                         Money giftCard, Instant now) {
        Aggregate<Wallet> wallet = wallet(buyerId);
        wallet.execute(w -> w.refunded(orderId, refundId, points, balance, now));
        String card = wallet.invoke(w -> w.cardOf(orderId));
        if (card != null && giftCard.isPositive()) {
            cards.refunded(card, orderId, refundId, giftCard, now);
        }
    }

    /** Gives back what an unpaid order took, once. */
    public void giveBack(String buyerId, String orderId, String reason, Instant now) {
        Aggregate<Wallet> wallet = wallet(buyerId);
        wallet.execute(w -> w.giveBack(orderId, reason, now));
        String card = wallet.invoke(w -> w.cardOf(orderId));
        if (card != null) {
            cards.giveBack(card, orderId, reason, now);
        }
    }

    private Aggregate<Wallet> wallet(String buyerId) {
        return LockOrder.loadOrCreate(wallets, LockOrder.Rank.WALLET, WalletCommand.walletId(buyerId), Wallet::new);
    }
}
