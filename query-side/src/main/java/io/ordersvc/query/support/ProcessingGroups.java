package io.ordersvc.query.support;

/**
 * The query side's processing groups. Projections that must commit together share one: an order's detail and its
 * refunds are in {@link #ORDERS} (one processor, one token, one transaction per batch). Their tuning is in
 * feature-settings/<group>.yml.
 */
public final class ProcessingGroups {

    public static final String ORDERS = "orders";
    public static final String PRODUCTS = "products";
    /** Figures: a processor and token of their own, so they never hold up the order views. */
    public static final String ANALYTICS = "analytics";

    private ProcessingGroups() {
    }
}
