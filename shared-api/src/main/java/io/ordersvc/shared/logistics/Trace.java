package io.ordersvc.shared.logistics;

import java.time.Instant;

/**
 * One step of a parcel as the carrier reports it.
 *
 * @param status   the carrier's word for the step (collected, in_transit, delivering, signed, ...)
 * @param location where, when the carrier says
 */
public record Trace(Instant at, String status, String description, String location) {
}
