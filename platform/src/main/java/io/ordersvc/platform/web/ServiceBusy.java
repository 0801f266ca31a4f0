package io.ordersvc.platform.web;

/**
 * The service refused to start work on a request because it is saturated; nothing was applied. Answered 503
 * {@code SERVICE_BUSY} with {@code Retry-After: 1}, like an exhausted connection pool.
 */
public class ServiceBusy extends RuntimeException {

    public ServiceBusy(String message) {
        super(message, null, false, false);
    }
}
