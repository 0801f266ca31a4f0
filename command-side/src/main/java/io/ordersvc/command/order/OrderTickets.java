package io.ordersvc.command.order;

import io.ordersvc.shared.checkout.Apportion;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.TicketLine;
import io.ordersvc.shared.order.OrderEvent.TicketRedeemed;
import io.ordersvc.shared.order.OrderEvent.TicketRefunded;
import io.ordersvc.shared.order.OrderEvent.TicketsExpired;
import io.ordersvc.shared.order.OrderEvent.TicketsIssued;
import io.ordersvc.shared.order.OrderEvent.TicketsOrdered;
import io.ordersvc.shared.ticket.Ticket;
import io.ordersvc.shared.ticket.TicketStatus;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The order's e-tickets, an entity of the Order aggregate: the lines that sell them (from placement), then one ticket
 * per unit once paid, each with its code, its share of what the line cost and its validity. A ticket is redeemed
 * once, within its validity; expires when its validity ends unused; is refunded while unused. Kept with the order
 * so that two redemptions of one code, or a redemption and a refund, are decided one after the other.
 */
class OrderTickets {

    private record Held(Ticket ticket, TicketStatus status) {
    }

    private String orderId;
    private final Map<String, TicketLine> lines = new LinkedHashMap<>();
    private final Map<String, Held> tickets = new LinkedHashMap<>();

    /** The order sells e-tickets: never shipped, completed when every ticket is settled. */
    boolean ticketOrder() {
        return !lines.isEmpty();
    }

    boolean issued() {
        return !tickets.isEmpty();
    }

    boolean allSettled() {
        return issued() && tickets.values().stream().allMatch(h -> h.status().settled());
    }

    /**
     * Paid: one ticket per unit, each costing its share of what its line was paid, to the fen.
     *
     * @param paid  a line's paid amount
     * @param codes new unguessable codes
     */
    void issue(String shopId, String buyerId, Function<String, Money> paid, Supplier<String> codes, Instant now) {
        if (!ticketOrder() || issued()) {
            return;
        }
        List<Ticket> issued = new ArrayList<>();
        for (TicketLine line : lines.values()) {
            Money total = paid.apply(line.orderLineId());
            for (Money share : Apportion.split(total, Collections.nCopies(line.quantity(), total))) {
                issued.add(new Ticket(codes.get(), line.orderLineId(), line.productName(), share, line.validFrom(),
                        line.validUntil()));
            }
        }
        apply(new TicketsIssued(orderId, shopId, buyerId, issued, now, issued.stream().map(Ticket::validUntil)
                .min(Instant::compareTo).orElse(null)));
    }

    /**
     * @throws Refusal 404 TICKET_NOT_FOUND; 409 TICKET_ALREADY_USED, TICKET_EXPIRED, TICKET_REFUNDED,
     *                 TICKET_NOT_YET_VALID
     */
    void redeem(String code, String by, Instant now) {
        Ticket ticket = unused(code, now);
        if (ticket.validFrom() != null && now.isBefore(ticket.validFrom())) {
            throw Refusal.conflict("TICKET_NOT_YET_VALID", "ticket " + code + " is valid from " + ticket.validFrom());
        }
        apply(new TicketRedeemed(orderId, code, by, now, nextExpiry(List.of(code))));
    }

    /** The ticket a refund may give back: unused and still valid. */
    Ticket refundable(String code, Instant now) {
        return unused(code, now);
    }

    void refunded(String code, String refundId, Instant now) {
        apply(new TicketRefunded(orderId, code, refundId, now, nextExpiry(List.of(code))));
    }

    /**
     * Tickets whose validity ended unused expire; nothing when none is left unused.
     *
     * @throws Refusal NOT_YET_DUE when unused tickets are left and none has ended (the timer is early)
     */
    void expire(Instant now) {
        List<String> ended = tickets.values().stream().filter(h -> h.status() == TicketStatus.UNUSED
                && !now.isBefore(h.ticket().validUntil())).map(h -> h.ticket().code()).toList();
        if (!ended.isEmpty()) {
            apply(new TicketsExpired(orderId, ended, now, nextExpiry(ended)));
        } else if (nextExpiry(List.of()) != null) {
            throw Refusal.conflict("NOT_YET_DUE", "the tickets of order " + orderId + " are valid until "
                    + nextExpiry(List.of()));
        }
    }

    /** The line an e-ticket belongs to (refunds of e-tickets go by code, not by line). */
    boolean sells(String orderLineId) {
        return lines.containsKey(orderLineId);
    }

    private Ticket unused(String code, Instant now) {
        Held held = tickets.get(code);
        if (held == null) {
            throw Refusal.ticketNotFound(code);
        }
        Ticket ticket = held.ticket();
        return switch (held.status()) {
            case USED -> throw Refusal.conflict("TICKET_ALREADY_USED", "ticket " + code + " was used");
            case REFUNDED -> throw Refusal.conflict("TICKET_REFUNDED", "ticket " + code + " was refunded");
            case EXPIRED -> throw expired(ticket);
            case UNUSED -> {
                if (!now.isBefore(ticket.validUntil())) {
                    throw expired(ticket);
                }
                yield ticket;
            }
        };
    }

    private static Refusal expired(Ticket ticket) {
        return Refusal.conflict("TICKET_EXPIRED", "ticket " + ticket.code() + " was valid until "
                + ticket.validUntil());
    }

    private Instant nextExpiry(Collection<String> leaving) {
        return tickets.values().stream().filter(h -> h.status() == TicketStatus.UNUSED
                        && !leaving.contains(h.ticket().code())).map(h -> h.ticket().validUntil())
                .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    @EventSourcingHandler
    void on(TicketsOrdered e) {
        orderId = e.orderId();
        e.lines().forEach(l -> lines.put(l.orderLineId(), l));
    }

    @EventSourcingHandler
    void on(TicketsIssued e) {
        e.tickets().forEach(t -> tickets.put(t.code(), new Held(t, TicketStatus.UNUSED)));
    }

    @EventSourcingHandler
    void on(TicketRedeemed e) {
        tickets.computeIfPresent(e.code(), (c, h) -> new Held(h.ticket(), TicketStatus.USED));
    }

    @EventSourcingHandler
    void on(TicketsExpired e) {
        e.codes().forEach(code -> tickets.computeIfPresent(code, (c, h) -> new Held(h.ticket(), TicketStatus.EXPIRED)));
    }

    @EventSourcingHandler
    void on(TicketRefunded e) {
        tickets.computeIfPresent(e.code(), (c, h) -> new Held(h.ticket(), TicketStatus.REFUNDED));
    }
}
