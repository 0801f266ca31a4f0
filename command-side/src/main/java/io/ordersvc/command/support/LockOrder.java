package io.ordersvc.command.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.function.Function;

/**
 * Loads the aggregates that one command changes together in the one order that keeps two such commands from waiting
 * on each other in a cycle (two instances, each holding what the other needs next): a refund, then its order, then
 * products by id. Every multi-aggregate handler loads through here; a load out of that order within a unit of work
 * fails at once with an IllegalStateException, so a handler written the wrong way fails its tests instead of
 * deadlocking under load. A buyer's cart comes first: a checkout from the cart takes its items, then a coupon template (an exchange code
 * spent at checkout; a claim locks the template before the wallet, so that its total is counted in turn), then the wallet, then stock (the orders it
 * places are new); a cancellation loads the order, then the wallet to give back, then products. A payment notification loads the pay number's payment, then its orders by id. A group order loads its group, then its campaign, before its wallet and stock. New aggregates are not loads: creating one takes no lock another command could hold.
 */
public final class LockOrder {

    /** The ranks, in locking order. */
    public enum Rank { CART, REFUND, PAYMENT, SHOP, GROUP, GROUP_BUY, ORDER, COUPON_TEMPLATE, WALLET, GIFT_CARD, PRODUCT }

    private record Held(Rank rank, String id) {
    }

    private static final String HELD = LockOrder.class.getName();

    private LockOrder() {
    }

    /** Loads an aggregate after checking the order; a missing aggregate becomes the caller's refusal. */
    public static <T> Aggregate<T> load(Repository<T> repository, Rank rank, String id,
                                        Function<String, RuntimeException> notFound) {
        check(rank, id);
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // no such aggregate, or the id of another kind's: answered alike, so nobody learns that it exists
            throw notFound.apply(id);
        }
    }

    /** Loads an aggregate after checking the order, or starts a new one (nothing is stored until it applies). */
    public static <T> Aggregate<T> loadOrCreate(Repository<T> repository, Rank rank, String id,
                                                java.util.concurrent.Callable<T> factory) {
        check(rank, id);
        try {
            return repository.loadOrCreate(id, factory);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    static void check(Rank rank, String id) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        var resources = CurrentUnitOfWork.get().root().resources();
        @SuppressWarnings("unchecked")
        java.util.Set<Held> held = (java.util.Set<Held>) resources.computeIfAbsent(HELD + ".all",
                k -> new java.util.HashSet<Held>());
        if (held.contains(new Held(rank, id))) {
            return; // already held by this unit of work: loading it again takes no new lock
        }
        Held last = (Held) resources.get(HELD);
        if (last != null && (rank.compareTo(last.rank()) < 0
                || (rank == last.rank() && id.compareTo(last.id()) < 0))) {
            throw new IllegalStateException("lock order broken: " + rank + " " + id + " loaded after " + last.rank()
                    + " " + last.id() + " (order: cart, refund, payment, shop, group, group buy, order, coupon template, wallet, gift card, products by id)");
        }
        resources.put(HELD, new Held(rank, id));
        held.add(new Held(rank, id));
    }
}
