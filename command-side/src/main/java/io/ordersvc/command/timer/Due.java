package io.ordersvc.command.timer;

import io.ordersvc.shared.order.TimerType;

import java.time.Instant;

/**
 * One open timer of an order: a row of order_timer.
 *
 * @param dueAt null while only holds keep the row
 * @param holds open refunds holding the automatic receipt; a held timer is not due
 */
record Due(String orderId, TimerType type, Instant dueAt, int holds) {

    Due withDueAt(Instant at) {
        return new Due(orderId, type, at, holds);
    }
}
