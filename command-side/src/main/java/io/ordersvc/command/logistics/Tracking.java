package io.ordersvc.command.logistics;

import io.ordersvc.command.support.Guards;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.logistics.LogisticsCommand;
import io.ordersvc.shared.logistics.LogisticsCommand.RecordTraces;
import io.ordersvc.shared.logistics.LogisticsEvent.TracesRecorded;
import io.ordersvc.shared.logistics.Trace;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parcel of one shipment as its carrier reports it: the traces recorded, each once however often the carrier
 * sends it again, and whether it was delivered. It decides nothing about the order: receipt stays the buyer's
 * (or the automatic receipt's).
 */
@Aggregate
public class Tracking {

    @AggregateIdentifier
    private String trackingId;
    private final Set<Trace> seen = new HashSet<>();
    private boolean delivered;

    protected Tracking() {
    }

    /** @return how many traces were new */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(RecordTraces cmd, Clock clock) {
        Guards.requireRole(cmd.actor(), Role.SYSTEM);
        List<Trace> fresh = cmd.traces().stream().distinct().filter(t -> !seen.contains(t)).toList();
        boolean nowDelivered = cmd.delivered() && !delivered;
        if (!fresh.isEmpty() || nowDelivered) {
            apply(new TracesRecorded(cmd.shipmentId(), cmd.orderId(), cmd.carrierCode(), cmd.trackingNo(), fresh,
                    delivered || cmd.delivered(), clock.instant()));
        }
        return fresh.size();
    }

    private static void apply(TracesRecorded e) {
        AggregateLifecycle.apply(e);
    }

    @EventSourcingHandler
    void on(TracesRecorded e) {
        trackingId = LogisticsCommand.trackingId(e.shipmentId());
        seen.addAll(e.traces());
        delivered = delivered || e.delivered();
    }
}
