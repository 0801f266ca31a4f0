package io.ordersvc.query.order;

import io.ordersvc.query.refund.RefundQueries;
import io.ordersvc.query.support.Fold;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.refund.RefundQuery.RefundSummary;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One order's read-model rows computed from its events rather than read from the tables: the order projections'
 * own handlers ({@link OrderProjection}, {@link OrderLogProjection}) folding the order's stream into tables in
 * memory, and its refunds' streams through the refund projection. Time travel folds a prefix of the stream; an
 * archived order, whose rows left the hot tables, folds all of it.
 */
@Component
class OrderFold {

    /** An order's rows as the projections would hold them, ready for the detail. */
    record Folded(OrderViewEntity order, List<OrderLineEntity> lines, List<ShipmentEntity> shipments,
                  List<OrderLogEntity> log, List<RefundSummary> refunds) {
    }

    private final EventStore events;
    private final RefundQueries refunds;
    private final io.ordersvc.platform.privacy.PersonalDataVault vault;

    OrderFold(EventStore events, RefundQueries refunds, io.ordersvc.platform.privacy.PersonalDataVault vault) {
        this.events = events;
        this.refunds = refunds;
        this.vault = vault;
    }

    /** The order's stored events, oldest first, as the service reads them today (through the upcasters). */
    List<? extends DomainEventMessage<?>> stream(String orderId) {
        return events.readEvents(orderId).asStream().toList();
    }

    /**
     * An archived order: all of its events, folded.
     *
     * @throws io.ordersvc.shared.error.Refusal 404 ORDER_NOT_FOUND when none are stored (a bulk copy, a pruned store)
     */
    Folded all(String orderId) {
        List<? extends DomainEventMessage<?>> stream = stream(orderId);
        if (stream.isEmpty()) {
            throw io.ordersvc.shared.error.Refusal.orderNotFound(orderId);
        }
        return fold(stream, null);
    }

    /**
     * The rows after these events (the stream's first events, OrderPlaced first), the order's refunds as they were
     * at {@code refundsUntil} (null: as they are now).
     */
    Folded fold(List<? extends DomainEventMessage<?>> prefix, Instant refundsUntil) {
        OrderTables tables = OrderTables.inMemory();
        Fold.through(new OrderProjection(tables, OrderCounts.NONE, vault), new OrderLogProjection(tables)).apply(prefix);
        Set<String> refundIds = new LinkedHashSet<>();
        prefix.forEach(e -> {
            if (e.getPayload() instanceof RefundOpened opened) {
                refundIds.add(opened.refundId());
            }
        });
        return new Folded(tables.rows(tables.orders).get(0),
                tables.rows(tables.lines).stream().sorted(Comparator.comparingInt(l -> l.position)).toList(),
                tables.rows(tables.shipments).stream().sorted(Comparator.comparing(s -> s.shippedAt)).toList(),
                tables.rows(tables.log).stream().sorted(Comparator.comparingLong(l -> l.sequence)).toList(),
                refunds.asOf(refundIds, refundsUntil));
    }
}
