package io.ordersvc.shared.ticket;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What is done with an e-ticket by its code; the ticket desk finds its order. */
public sealed interface TicketCommand extends ActorAware {

    /** The shop's seller (or an admin) takes the ticket at the door: once, within its validity. */
    record RedeemTicket(String code, Actor actor) implements TicketCommand {
    }

    /** The buyer (or an admin) gives an unused ticket back: what was paid for it is refunded. */
    record RefundTicket(String code, Actor actor) implements TicketCommand {
    }

    /** The order timer: tickets whose validity ended unused expire. */
    record ExpireTickets(@TargetAggregateIdentifier String orderId, Actor actor) implements TicketCommand {
    }
}
