package io.ordersvc.command.ticket;

import io.ordersvc.shared.order.OrderEvent.TicketsIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** An e-ticket's code to its order, for the command side: written with the tickets, in one batch. */
@Component
@ProcessingGroup(TicketIndex.GROUP)
class TicketIndex implements TicketOrders {

    static final String GROUP = "ticket-index";
    private final JdbcTemplate jdbc;

    TicketIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketsIssued e) {
        jdbc.batchUpdate("INSERT INTO ticket_index (code, order_id) VALUES (?, ?)", e.tickets().stream()
                .map(t -> new Object[]{t.code(), e.orderId()}).toList());
    }

    @Override
    public Optional<String> orderOf(String code) {
        return jdbc.queryForList("SELECT order_id FROM ticket_index WHERE code = ?", String.class, code).stream()
                .findFirst();
    }
}
