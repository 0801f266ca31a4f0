package io.ordersvc.shared.ticket;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** The tickets of an order (its buyer, its shop, admins), and one ticket's owner check for its QR image. */
public record TicketQuery(String orderId, Actor actor) {

    /** The code as a QR image: the ticket's buyer (or an admin) only. */
    public record TicketImage(String code, Actor actor) {
    }

    /** code: masked for the shop (the buyer shows it at the door). */
    public record TicketView(String code, String orderLineId, String productName, Money amount, TicketStatus status,
                             Instant validFrom, Instant validUntil, Instant usedAt, String refundId) {
    }

    public record TicketList(String orderId, List<TicketView> tickets) {
    }

    /** What the order detail and list show of an order's tickets. */
    public record TicketCounts(int unused, int used, int expired, int refunded) {
    }
}
