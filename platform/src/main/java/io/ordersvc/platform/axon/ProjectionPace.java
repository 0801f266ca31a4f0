package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far behind the live projections run: the age of each event when one of them handles it (the time since it
 * was appended, by the clock that stamped it), worst first. The command gate reads it to admit commands at the pace
 * the read models keep ({@code CommandGate}): on two cores, request threads deciding commands as fast as clients
 * send them take the CPU the projections need, and order lists fall seconds behind what was acknowledged.
 * <p>
 * Events older than {@code history} are not live traffic but history being caught up on (a rebuild, a query side
 * started after an outage): they say nothing about the load now and are left out, so a rebuild does not hold
 * commands back.
 */
public class ProjectionPace implements MessageHandlerInterceptor<EventMessage<?>> {

    private final long historyMillis;
    private final AtomicLong worstMillis = new AtomicLong();

    public ProjectionPace(Duration history) {
        this.historyMillis = history.toMillis();
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        observed(GenericEventMessage.clock.millis() - unitOfWork.getMessage().getTimestamp().toEpochMilli());
        return chain.proceed();
    }

    /** An event was handled {@code ageMillis} after it was appended. */
    void observed(long ageMillis) {
        if (ageMillis > 0 && ageMillis <= historyMillis) {
            worstMillis.accumulateAndGet(ageMillis, Math::max);
        }
    }

    /** The oldest live event handled since the last call, in milliseconds (0 if none); starts a new period. */
    public long takeWorstMillis() {
        return worstMillis.getAndSet(0);
    }
}
