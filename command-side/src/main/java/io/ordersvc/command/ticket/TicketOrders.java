package io.ordersvc.command.ticket;

import java.util.Optional;

/** Which order an e-ticket's code belongs to (ticket_index on the database). */
public interface TicketOrders {

    Optional<String> orderOf(String code);
}
