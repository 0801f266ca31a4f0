package io.ordersvc.shared.logistics;

import java.time.Instant;
import java.util.List;

/** What happened to the parcel of a shipment, as its carrier told it. */
public sealed interface LogisticsEvent {

    String shipmentId();

    /** Traces not recorded before, in the carrier's order; delivered once the carrier said so. */
    record TracesRecorded(String shipmentId, String orderId, String carrierCode, String trackingNo,
                          List<Trace> traces, boolean delivered, Instant recordedAt) implements LogisticsEvent {
    }
}
