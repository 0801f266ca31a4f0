package io.ordersvc.shared.order;

import io.ordersvc.shared.identity.Actor;

/** The order read model's questions. Each answers with its own record from {@link OrderViews}. */
public sealed interface OrderQuery {

    Actor actor();

    record FindOrder(String orderId, Actor actor) implements OrderQuery {
    }

    record ListOrders(OrderFilter filter, int page, int size, Actor actor) implements OrderQuery {
    }

    record CountOrdersByStatus(OrderFilter filter, Actor actor) implements OrderQuery {
    }

    record OrderLog(String orderId, Actor actor) implements OrderQuery {
    }

    record ShipmentTracking(String orderId, String shipmentId, Actor actor) implements OrderQuery {
    }

    record OrderHistory(String orderId, Actor actor) implements OrderQuery {
    }

    /** Archived orders, newest first: a buyer's own (not hidden), a shop's, or (admins) anyone's or those named. */
    record ListArchived(String buyerId, String shopId, int page, int size, Actor actor) implements OrderQuery {
    }

    /**
     * The order as it was: after its events up to {@code atVersion}, or those stored by {@code asOf} (exactly one of
     * the two is given). Its buyer and admins.
     */
    record FindOrderAsOf(String orderId, java.time.Instant asOf, Long atVersion, Actor actor) implements OrderQuery {

        /**
         * The instant asked for, checked against the version: one point in time, not two.
         *
         * @throws io.ordersvc.shared.error.Refusal 400 AMBIGUOUS_POINT_IN_TIME naming at_version when both are given
         */
        public static java.time.Instant pointInTime(java.time.Instant asOf, Long atVersion) {
            if (asOf != null && atVersion != null) {
                throw io.ordersvc.shared.error.Refusal.badRequest("AMBIGUOUS_POINT_IN_TIME",
                        "at_version: give as_of or at_version, not both").with("field", "at_version");
            }
            return asOf;
        }
    }
}
