package io.ordersvc.archfixture.command.beta;

import io.ordersvc.archfixture.command.alpha.AlphaInternal;

/** Feature beta reaching into feature alpha's internals. */
public class BetaUsesAlphaInternals {

    public String borrow() {
        return new AlphaInternal().newId();
    }
}
