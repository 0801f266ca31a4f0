package io.ordersvc.shared.checkout;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;

/** Checkout's commands: a preview appends nothing, a submit places one order per shop sharing a pay number. */
public sealed interface CheckoutCommand extends ActorAware {

    CheckoutRequest request();

    record PreviewCheckout(CheckoutRequest request, Actor actor) implements CheckoutCommand {
    }

    /** singleShop: POST /orders, the buy-now placement of one shop's goods (422 MULTIPLE_SHOPS otherwise). */
    record SubmitCheckout(CheckoutRequest request, boolean singleShop, Actor actor) implements CheckoutCommand {
    }
}
