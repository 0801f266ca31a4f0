package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.order.OrderEvent.TicketRedeemed;
import io.ordersvc.shared.order.OrderEvent.TicketRefunded;
import io.ordersvc.shared.order.OrderEvent.TicketsExpired;
import io.ordersvc.shared.order.OrderEvent.TicketsIssued;
import io.ordersvc.shared.ticket.Ticket;
import io.ordersvc.shared.ticket.TicketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Consumer;

/**
 * ticket_view, in the orders' processing group: a ticket's row commits with its order's counts. Each row keeps the
 * order's version that last changed it and ignores events at or below it (replay-safe).
 */
@Component
@ProcessingGroup(ProcessingGroups.ORDERS)
class TicketProjection {

    private final BatchTable<TicketViewEntity> tickets;

    TicketProjection(JdbcTemplate jdbc) {
        this.tickets = new BatchTable<>(jdbc, Mapping.of(TicketViewEntity.class)
                .prefetching(Prefetch.named(TicketRedeemed.class, e -> List.of(e.code()))
                        .and(Prefetch.named(TicketsExpired.class, TicketsExpired::codes))
                        .and(Prefetch.named(TicketRefunded.class, e -> List.of(e.code())))));
    }

    @EventHandler
    void on(TicketsIssued e, @SequenceNumber long sequence) {
        int position = 0;
        for (Ticket t : e.tickets()) {
            position++;
            if (tickets.find(t.code()).isPresent()) {
                continue; // replayed
            }
            var row = new TicketViewEntity();
            row.code = t.code();
            row.orderId = e.orderId();
            row.buyerId = e.buyerId();
            row.shopId = e.shopId();
            row.orderLineId = t.orderLineId();
            row.productName = t.productName();
            row.amount = t.amount().amount();
            row.status = TicketStatus.UNUSED.value();
            row.validFrom = t.validFrom();
            row.validUntil = t.validUntil();
            row.version = sequence;
            row.position = position;
            tickets.insert(row);
        }
    }

    @EventHandler
    void on(TicketRedeemed e, @SequenceNumber long sequence) {
        change(e.code(), sequence, row -> {
            row.status = TicketStatus.USED.value();
            row.usedAt = e.at();
        });
    }

    @EventHandler
    void on(TicketsExpired e, @SequenceNumber long sequence) {
        e.codes().forEach(code -> change(code, sequence, row -> row.status = TicketStatus.EXPIRED.value()));
    }

    @EventHandler
    void on(TicketRefunded e, @SequenceNumber long sequence) {
        change(e.code(), sequence, row -> {
            row.status = TicketStatus.REFUNDED.value();
            row.refundId = e.refundId();
        });
    }

    private void change(String code, long sequence, Consumer<TicketViewEntity> change) {
        tickets.find(code).filter(row -> row.version < sequence).ifPresent(row -> {
            change.accept(row);
            row.version = sequence;
            tickets.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        tickets.deleteAll();
    }
}
