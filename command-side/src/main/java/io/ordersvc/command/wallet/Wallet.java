package io.ordersvc.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.command.support.AggregateCaches;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.AdjustBalance;
import io.ordersvc.shared.wallet.WalletCommand.AdjustPoints;
import io.ordersvc.shared.wallet.WalletCommand.EarnPoints;
import io.ordersvc.shared.wallet.WalletCommand.SettlePoints;
import io.ordersvc.shared.wallet.WalletEvent.BalanceAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.BalanceRefunded;
import io.ordersvc.shared.wallet.WalletEvent.BalanceReturned;
import io.ordersvc.shared.wallet.WalletEvent.BalanceSpent;
import io.ordersvc.shared.wallet.WalletEvent.CouponLocked;
import io.ordersvc.shared.wallet.WalletEvent.CouponReceived;
import io.ordersvc.shared.wallet.WalletEvent.CouponReleased;
import io.ordersvc.shared.wallet.WalletEvent.CouponUsed;
import io.ordersvc.shared.wallet.WalletEvent.GiftCardUsed;
import io.ordersvc.shared.wallet.WalletEvent.PointsAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.PointsEarned;
import io.ordersvc.shared.wallet.WalletEvent.PointsFrozen;
import io.ordersvc.shared.wallet.WalletEvent.PointsRefunded;
import io.ordersvc.shared.wallet.WalletEvent.PointsSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsUnfrozen;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A buyer's points and balance. Nothing here ever goes below zero: every take checks what is there, and the
 * aggregate is loaded (locked) by whoever takes, so two checkouts spending the same points take turns and the
 * second sees what the first left. Checkout takes and cancellation gives back through {@link Wallets}, in their
 * own units of work; what an order took is remembered per order, so giving it back twice gives it back once.
 */
@Aggregate(snapshotTriggerDefinition = "walletSnapshotTrigger", cache = AggregateCaches.WALLETS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Wallet {

    @AggregateIdentifier
    private String walletId;
    private String buyerId;
    private long points;
    private Money balance = Money.ZERO;
    /** order id → the points it froze, until it is paid (spent) or cancelled (unfrozen). */
    private Map<String, Long> frozen = new HashMap<>();
    /** order id → the balance it took, until it is given back. */
    private Map<String, Money> taken = new HashMap<>();
    /** order id → the points a completed order has earned so far. */
    private Map<String, Long> earned = new HashMap<>();
    /** order id → the gift card that paid part of it. */
    private Map<String, String> cards = new HashMap<>();
    /** coupon id → a coupon the buyer holds and has not used (an unpaid order may hold it). */
    private Map<String, Wallets.Coupon> coupons = new HashMap<>();
    /** template id → how many of its coupons the buyer ever received (the per-buyer limit counts used ones too). */
    private Map<String, Integer> received = new HashMap<>();
    /** The refunds whose share came back (a command retried after it committed finds its refund here). */
    private java.util.Set<String> refunds = new java.util.HashSet<>();

    /** The most a balance may hold: a store account, not a bank. */
    static final Money MAX_BALANCE = Money.of("100000000.00");

    public Wallet() {
    }

    public record WalletAck(String buyerId, long points, Money balance, long version) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletAck handle(AdjustPoints cmd, Clock clock) {
        if (!cmd.actor().is(Role.ADMIN)) {
            throw Refusal.forbidden("only admins adjust points");
        }
        if (cmd.delta() == 0) {
            throw Refusal.unprocessable("INVALID_ADJUSTMENT", "delta must not be 0");
        }
        if (points + cmd.delta() < 0) {
            throw Refusal.unprocessable("INSUFFICIENT_POINTS", points + " points available, " + -cmd.delta()
                    + " to take").with("available", points);
        }
        apply(new PointsAdjusted(cmd.buyerId(), cmd.delta(), cmd.reason(), cmd.actor().id(), points + cmd.delta(),
                clock.instant()));
        return ack();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletAck handle(AdjustBalance cmd, Clock clock) {
        if (!cmd.actor().is(Role.ADMIN) && !cmd.actor().is(Role.SYSTEM)) {
            throw Refusal.forbidden("only admins and the system adjust a balance");
        }
        if (cmd.delta().amount().signum() == 0) {
            throw Refusal.unprocessable("INVALID_ADJUSTMENT", "delta must not be 0.00");
        }
        Money after = balance.plus(cmd.delta());
        if (after.compareTo(MAX_BALANCE) > 0) {
            throw Refusal.unprocessable("BALANCE_LIMIT", "a balance holds at most " + MAX_BALANCE)
                    .with("available", balance);
        }
        if (after.isNegative()) {
            throw Refusal.unprocessable("INSUFFICIENT_BALANCE", "balance " + balance + ", " + Money.ZERO.minus(cmd.delta())
                    + " to take").with("available", balance);
        }
        apply(new BalanceAdjusted(cmd.buyerId(), cmd.delta(), cmd.reason(), cmd.actor().id(), after,
                clock.instant()));
        return ack();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletAck handle(EarnPoints cmd, Clock clock) {
        if (!cmd.actor().is(Role.SYSTEM)) {
            throw Refusal.forbidden("points are earned through the system");
        }
        long before = earned.getOrDefault(cmd.orderId(), 0L);
        long delta = cmd.points() - before;
        if (delta != 0) {
            long taken = delta > 0 ? delta : -Math.min(-delta, points);
            apply(new PointsEarned(cmd.buyerId(), cmd.orderId(), taken, cmd.points(), taken - delta,
                    points + taken, clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletAck handle(SettlePoints cmd, Clock clock) {
        if (!cmd.actor().is(Role.SYSTEM)) {
            throw Refusal.forbidden("points are settled by the system");
        }
        Long held = frozen.get(cmd.orderId());
        if (held != null) {
            apply(new PointsSpent(cmd.buyerId(), cmd.orderId(), held, clock.instant()));
        }
        couponLockedBy(cmd.orderId()).ifPresent(c -> apply(new CouponUsed(buyerId, c.couponId(), cmd.orderId(),
                clock.instant())));
        return ack();
    }

    Wallets.Standing standing() {
        return new Wallets.Standing(points, balance, coupons.values().stream()
                .sorted(java.util.Comparator.comparing(Wallets.Coupon::useUntil).thenComparing(Wallets.Coupon::couponId))
                .toList());
    }

    /** Whether the buyer may receive another coupon of the template: fewer than its limit ever received. */
    boolean roomFor(String templateId, int perBuyerLimit) {
        return received.getOrDefault(templateId, 0) < perBuyerLimit;
    }

    /** A coupon becomes the buyer's, within the template's per-buyer limit. */
    void receive(String buyer, String couponId, String templateId, String name,
                 io.ordersvc.shared.coupon.CouponTerms terms, Instant useFrom, Instant useUntil, String via,
                 int perBuyerLimit, Instant now) {
        if (!roomFor(templateId, perBuyerLimit)) {
            throw Wallets.couponLimitReached(perBuyerLimit);
        }
        apply(new CouponReceived(buyer, couponId, templateId, name, terms, useFrom, useUntil, via, now));
    }

    private java.util.Optional<Wallets.Coupon> couponLockedBy(String orderId) {
        return coupons.values().stream().filter(c -> c.lockedBy().contains(orderId)).findFirst();
    }

    /**
     * Freezes points and takes balance for each order of a checkout, or for none.
     *
     * @throws Refusal 422 INSUFFICIENT_POINTS or INSUFFICIENT_BALANCE when the wallet holds less than they all take
     */
    void take(String buyerId, List<Wallets.Take> takes, String giftCard, Wallets.CouponTake coupon, Instant now) {
        long pointsAsked = takes.stream().mapToLong(Wallets.Take::points).sum();
        Money balanceAsked = takes.stream().map(Wallets.Take::balance).reduce(Money.ZERO, Money::plus);
        if (pointsAsked > points) {
            throw Refusal.unprocessable("INSUFFICIENT_POINTS", points + " points available, " + pointsAsked
                    + " asked").with("available", points);
        }
        if (balanceAsked.compareTo(balance) > 0) {
            throw Refusal.unprocessable("INSUFFICIENT_BALANCE", "balance " + balance + ", " + balanceAsked
                    + " asked").with("available", balance);
        }
        if (coupon != null) {
            Wallets.Coupon held = coupons.get(coupon.couponId());
            if (held == null) {
                throw Refusal.unprocessable("COUPON_NOT_FOUND", "the buyer holds no usable coupon "
                        + coupon.couponId());
            }
            if (!held.lockedBy().isEmpty()) {
                throw Refusal.unprocessable("COUPON_UNUSABLE", "coupon " + coupon.couponId()
                        + " is held by an unpaid order").with("unusable_reason", "ALREADY_USED");
            }
            apply(new CouponLocked(buyerId, coupon.couponId(), coupon.orderIds(), coupon.discount(), now));
        }
        for (Wallets.Take take : takes) {
            if (take.points() > 0) {
                apply(new PointsFrozen(buyerId, take.orderId(), take.points(), points - take.points(), now));
            }
            if (take.balance().isPositive()) {
                apply(new BalanceSpent(buyerId, take.orderId(), take.balance(), balance.minus(take.balance()), now));
            }
            if (take.giftCard().isPositive()) {
                apply(new GiftCardUsed(buyerId, take.orderId(), giftCard, take.giftCard(), now));
            }
        }
    }

    /** The gift card that paid part of an order, or null. */
    String cardOf(String orderId) {
        return cards.get(orderId);
    }

    /** Gives back a refund's share of points and balance, once per refund. */
    void refunded(String orderId, String refundId, long pointsBack, Money balanceBack, Instant now) {
        if (refunds.contains(refundId)) {
            return;
        }
        if (pointsBack > 0) {
            apply(new PointsRefunded(buyerId, orderId, refundId, pointsBack, points + pointsBack, now));
        }
        if (balanceBack.isPositive()) {
            apply(new BalanceRefunded(buyerId, orderId, refundId, balanceBack, balance.plus(balanceBack), now));
        }
    }

    /** Gives back what an unpaid order took; what was given back already, or never taken, is not given again. */
    void giveBack(String orderId, String reason, Instant now) {
        Long held = frozen.get(orderId);
        if (held != null) {
            apply(new PointsUnfrozen(buyerId, orderId, held, reason, points + held, now));
        }
        Money spent = taken.get(orderId);
        if (spent != null) {
            apply(new BalanceReturned(buyerId, orderId, spent, reason, balance.plus(spent), now));
        }
        couponLockedBy(orderId).ifPresent(c -> apply(new CouponReleased(buyerId, c.couponId(), orderId,
                c.lockedBy().stream().filter(o -> !o.equals(orderId)).toList(), reason, now)));
    }

    private WalletAck ack() {
        Long version = AggregateLifecycle.getVersion();
        return new WalletAck(buyerId, points, balance, version == null ? -1 : version);
    }

    private void own(String buyer) {
        walletId = WalletCommand.walletId(buyer);
        buyerId = buyer;
    }

    @EventSourcingHandler
    void on(PointsAdjusted e) {
        own(e.buyerId());
        points = e.availableAfter();
    }

    @EventSourcingHandler
    void on(PointsFrozen e) {
        own(e.buyerId());
        points = e.availableAfter();
        frozen.merge(e.orderId(), e.points(), Long::sum);
    }

    @EventSourcingHandler
    void on(PointsUnfrozen e) {
        points = e.availableAfter();
        frozen.remove(e.orderId());
    }

    @EventSourcingHandler
    void on(PointsSpent e) {
        frozen.remove(e.orderId());
    }

    @EventSourcingHandler
    void on(PointsEarned e) {
        own(e.buyerId());
        points = e.availableAfter();
        earned.put(e.orderId(), e.earnedTotal());
    }

    @EventSourcingHandler
    void on(PointsRefunded e) {
        points = e.availableAfter();
        refunds.add(e.refundId());
    }

    @EventSourcingHandler
    void on(BalanceRefunded e) {
        balance = e.balanceAfter();
        refunds.add(e.refundId());
    }

    @EventSourcingHandler
    void on(GiftCardUsed e) {
        own(e.buyerId());
        cards.put(e.orderId(), e.number());
    }

    @EventSourcingHandler
    void on(CouponReceived e) {
        own(e.buyerId());
        coupons.put(e.couponId(), new Wallets.Coupon(e.couponId(), e.templateId(), e.name(), e.terms(), e.useFrom(),
                e.useUntil(), List.of()));
        received.merge(e.templateId(), 1, Integer::sum);
    }

    @EventSourcingHandler
    void on(CouponLocked e) {
        coupons.computeIfPresent(e.couponId(), (id, c) -> c.lockedBy(e.orderIds()));
    }

    @EventSourcingHandler
    void on(CouponReleased e) {
        coupons.computeIfPresent(e.couponId(), (id, c) -> c.lockedBy(e.lockedBy()));
    }

    @EventSourcingHandler
    void on(CouponUsed e) {
        coupons.remove(e.couponId());
    }

    @EventSourcingHandler
    void on(BalanceAdjusted e) {
        own(e.buyerId());
        balance = e.balanceAfter();
    }

    @EventSourcingHandler
    void on(BalanceSpent e) {
        own(e.buyerId());
        balance = e.balanceAfter();
        taken.merge(e.orderId(), e.amount(), Money::plus);
    }

    @EventSourcingHandler
    void on(BalanceReturned e) {
        balance = e.balanceAfter();
        taken.remove(e.orderId());
    }
}
