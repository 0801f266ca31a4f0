package io.ordersvc.command.web;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.OrderCommand;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordersvc.platform.axon.ProjectionPace;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Sends a command and waits, bounded, for its result; the problem advice maps whatever it throws. */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final long timeoutMillis;
    private final CommandGate gate;

    /**
     * Commands from clients worked on at once per processor core, unless {@code orders.commands-in-flight} says.
     * A command is CPU work in this JVM and in the database, with no wait outside them (a payment channel is asked
     * after its command, not during it): a few per core keep the cores busy, and more only queue for them inside
     * the JVM and PostgreSQL, where the live projections' batches queue behind them. On two cores with 32 clients
     * flat out, 64 at once (the earlier default) left order lists 300-660 ms behind at p99; 8 at once, 123-162 ms,
     * at the same commands/s and with a third of the request p99 (bench/README.md, session 42).
     */
    static final int IN_FLIGHT_PER_CORE = 4;

    /**
     * @param inFlight  the most commands from clients this instance works on at once ({@link CommandGate}); fewer
     *                  while the live projections fall behind, down to {@code least}; unset, {@link
     *                  #IN_FLIGHT_PER_CORE} per core
     * @param targetLag the projections' lag above which the gate narrows
     */
    public Commands(CommandGateway gateway, @Value("${orders.command-timeout:10s}") Duration timeout,
                    @Value("${orders.commands-in-flight:#{null}}") Integer inFlight,
                    @Value("${orders.commands-in-flight-least:4}") int least,
                    @Value("${orders.pace.target-lag:250ms}") Duration targetLag,
                    ProjectionPace pace, MeterRegistry meters) {
        this.gateway = gateway;
        this.timeoutMillis = timeout.toMillis();
        int most = inFlight != null ? inFlight : inFlightFor(Runtime.getRuntime().availableProcessors());
        this.gate = new CommandGate(most, least, targetLag.toMillis(), 100, pace::takeWorstMillis, System::nanoTime);
        Gauge.builder("orders.commands.in.flight", gate, CommandGate::inFlight)
                .description("Commands from clients being worked on now").register(meters);
        Gauge.builder("orders.commands.waiting", gate, CommandGate::waiting)
                .description("Commands from clients waiting for their turn").register(meters);
        Gauge.builder("orders.commands.limit", gate, CommandGate::limit)
                .description("Commands from clients that may be worked on at once now").register(meters);
    }

    /** The most commands worked on at once by default on this many cores. */
    static int inFlightFor(int cores) {
        return IN_FLIGHT_PER_CORE * Math.max(1, cores);
    }

    /** Sends when the command's turn comes, and waits for the result; both within the command timeout. */
    public <R> R send(Object command) {
        return gate.through(timeoutMillis, left -> gateway.sendAndWait(command, left, TimeUnit.MILLISECONDS));
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
