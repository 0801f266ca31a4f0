package io.ordersvc.command.wallet;

import io.ordersvc.command.support.LockOrder;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.coupon.CouponRules;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.coupon.CouponValidity;
import io.ordersvc.shared.error.Refusal;
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

    /** What the buyer may spend now: points, balance, and the coupons held and not used, soonest ending first. */
    public record Standing(long points, Money balance, List<Coupon> coupons) {
        public static final Standing NONE = new Standing(0, Money.ZERO, List.of());
    }

    /**
     * A coupon the buyer holds with its terms as issued; lockedBy: the unpaid orders holding it (empty: free).
     */
    public record Coupon(String couponId, String templateId, String name, CouponTerms terms, Instant useFrom,
                         Instant useUntil, List<String> lockedBy) {

        public Coupon {
            lockedBy = List.copyOf(lockedBy);
        }

        Coupon lockedBy(List<String> orderIds) {
            return new Coupon(couponId, templateId, name, terms, useFrom, useUntil, orderIds);
        }

        /** The coupon as the coupon rules see it. */
        public CouponRules.Held held() {
            return new CouponRules.Held(couponId, terms, useFrom, useUntil, !lockedBy.isEmpty());
        }
    }

    /** A checkout's coupon: the orders it pays part of, and what it takes off them together. */
    public record CouponTake(String couponId, List<String> orderIds, Money discount) {
    }

    /** The wallet's version after what this unit of work applied (read-your-writes for GET /coupons). */
    public long version(String buyerId) {
        Long version = wallet(buyerId).version();
        return version == null ? -1 : version;
    }

    /**
     * Whether the buyer may receive another coupon of the template (the per-buyer limit counts every coupon ever
     * received, used ones too); loads (locks) the wallet.
     */
    public boolean roomForCoupon(String buyerId, String templateId, int perBuyerLimit) {
        return wallet(buyerId).invoke(w -> w.roomFor(templateId, perBuyerLimit));
    }

    public static Refusal couponLimitReached(int perBuyerLimit) {
        return Refusal.unprocessable("COUPON_LIMIT_REACHED", "a buyer may hold " + perBuyerLimit
                + " coupon(s) of this template").with("per_buyer_limit", perBuyerLimit);
    }

    /** A coupon becomes the buyer's; refused at the template's per-buyer limit. */
    public void receiveCoupon(String buyerId, String couponId, String templateId, String name, CouponTerms terms,
                              CouponValidity.Window window, String via, int perBuyerLimit, Instant now) {
        wallet(buyerId).execute(w -> w.receive(buyerId, couponId, templateId, name, terms, window.useFrom(),
                window.useUntil(), via, perBuyerLimit, now));
    }

    /** What the buyer holds now; loads (and so locks) the wallet for the rest of the unit of work. */
    public Standing standing(String buyerId) {
        return wallet(buyerId).invoke(Wallet::standing);
    }

    /**
     * Takes what each order spends, or nothing (a refusal leaves nothing applied).
     *
     * @param giftCard the number of the card that pays the takes' giftCard amounts (null: none)
     * @param coupon   the coupon the orders use (null: none); locked until one of them is paid
     */
    public void take(String buyerId, List<Take> takes, String giftCard, CouponTake coupon, Instant now) {
        if (coupon == null && takes.stream().allMatch(t -> t.points() == 0 && !t.balance().isPositive()
                && !t.giftCard().isPositive())) {
            return;
        }
        wallet(buyerId).execute(w -> w.take(buyerId, takes, giftCard, coupon, now));
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
