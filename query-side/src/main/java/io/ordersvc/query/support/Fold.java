package io.ordersvc.query.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Runs events through projections' own {@code @EventHandler} methods, outside any processor, with their parameters
 * (sequence number, timestamp, metadata) resolved as the processor resolves them. Over {@link MemoryRows} it answers
 * one question (an order at an instant, an archived order) with the code that keeps the read model, not a second
 * implementation of it; an online rebuild runs the processing group's beans themselves into shadow tables.
 */
public final class Fold {

    private final List<AnnotationEventHandlerAdapter> handlers;

    private Fold(List<AnnotationEventHandlerAdapter> handlers) {
        this.handlers = handlers;
    }

    /** The projections, each handed every event in turn, in the order given. */
    public static Fold through(Object... projections) {
        return new Fold(java.util.Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList());
    }

    public void apply(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(event)) {
                    try {
                        handler.handle(event);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException("folding " + event.getPayloadType().getSimpleName(), e);
                    }
                }
            }
        }
    }
}
