package io.ordersvc.query.support;

/**
 * A processor's rebuilt tables are live (an online rebuild swapped them in): what keeps rows outside the events, the
 * order archive, tidies them.
 */
public record ReadModelsSwapped(String processor) {
}
