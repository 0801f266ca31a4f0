package io.ordersvc.command.timer;

import io.ordersvc.shared.order.OrderCommand;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a fired timer's command on a thread of its own, so that it runs in a unit of work and a transaction of its
 * own rather than nested in the deadline's (see OrderTimers.fire). Two threads: as many as db-scheduler runs
 * deadlines with. Before, the common fork-join pool did this: on two cores it has a single thread, shared with
 * everything else in the JVM that uses it.
 */
@Component
public class TimerCommands {

    private final CommandGateway gateway;
    private final ExecutorService threads;

    public TimerCommands(CommandGateway gateway) {
        this.gateway = gateway;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "order-timer-command-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends and waits; a failure of the command surfaces here, as a CompletionException with its cause. */
    public void sendAndWait(OrderCommand command) {
        CompletableFuture.runAsync(() -> gateway.sendAndWait(command), threads).join();
    }

    @PreDestroy
    void stop() {
        threads.shutdown();
    }
}
