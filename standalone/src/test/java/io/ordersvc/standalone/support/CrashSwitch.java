package io.ordersvc.standalone.support;

import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Armed, it throws while the order books a refund payment: the refund has already been marked refunded in the
 * same unit of work, so this is the process dying between the two steps.
 */
@ProcessingGroup(CrashSwitch.GROUP)
public class CrashSwitch {

    public static final String GROUP = "crash-switch";
    private final AtomicBoolean armed = new AtomicBoolean();

    public void arm() {
        armed.set(true);
    }

    @EventHandler
    void on(LineRefunded event) {
        if (armed.compareAndSet(true, false)) {
            throw new IllegalStateException("simulated crash between the refund and the order");
        }
    }
}
