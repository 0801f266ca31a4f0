package io.ordersvc.shared.logistics;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** What carriers report about the parcels of orders' shipments. */
public sealed interface LogisticsCommand extends ActorAware {

    /** The tracking of a shipment: prefixed, so that it never meets another aggregate's id. */
    static String trackingId(String shipmentId) {
        return "trk-" + shipmentId;
    }

    /**
     * POST /logistics-notifications/{carrier}: traces of a parcel, verified; those already recorded are left out.
     *
     * @param delivered the carrier says the parcel was delivered
     */
    record RecordTraces(@TargetAggregateIdentifier String trackingId, String orderId, String shipmentId,
                        String carrierCode, String trackingNo, List<Trace> traces, boolean delivered, Actor actor)
            implements LogisticsCommand {
    }
}
