package io.ordersvc.command.web;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.OrderCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Sends a command and waits, bounded, for its result; the problem advice maps whatever it throws. */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final long timeoutMillis;

    public Commands(CommandGateway gateway, @Value("${orders.command-timeout:10s}") java.time.Duration timeout) {
        this.gateway = gateway;
        this.timeoutMillis = timeout.toMillis();
    }

    public <R> R send(Object command) {
        return gateway.sendAndWait(command, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** An order command whose order does not exist is a 404 ORDER_NOT_FOUND, like one the caller may not see. */
    public <R> R sendToOrder(OrderCommand command) {
        return send(command, () -> Refusal.orderNotFound(command.orderId()));
    }

    /**
     * Sends; a command whose target aggregate does not exist answers the given typed 404, and so does one whose id
     * names an aggregate of another kind (an order's id where a refund's belongs): the same answer as for an id that
     * does not exist, so nobody learns that it does.
     */
    public <R> R send(Object command, Supplier<Refusal> notFound) {
        try {
            return send(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw notFound.get();
        }
    }
}
