package io.ordersvc.command.support;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.identity.Scope;

import java.util.Arrays;
import java.util.function.Supplier;

/** The access checks every aggregate of a buyer and a shop makes, in the order API.md asks: 404, then 403. */
public final class Guards {

    private Guards() {
    }

    /** A buyer sees only their own, a seller only their shop's; anyone else is told it does not exist. */
    public static void requireVisible(Actor actor, String buyerId, String shopId, Supplier<Refusal> notFound) {
        if (!Scope.of(actor).includes(buyerId, shopId)) {
            throw notFound.get();
        }
    }

    public static void requireRole(Actor actor, Role... allowed) {
        if (!Arrays.asList(allowed).contains(actor.role())) {
            throw Refusal.forbidden("role " + actor.role().claim() + " may not do this");
        }
    }
}
