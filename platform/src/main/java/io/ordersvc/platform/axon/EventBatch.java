package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event batch a streaming processor is handling, as projections that write in batches see it: its messages
 * (to load ahead what they name) and state that lives for its transaction (created on first use, written just
 * before the commit together with the token, forgotten after). Used by the query side's BatchTable and the
 * command side's order due dates.
 */
public final class EventBatch {

    private EventBatch() {
    }

    /** The event messages of the batch being handled; none outside a processor's batch. */
    public static List<EventMessage<?>> messages() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        List<EventMessage<?>> events = new ArrayList<>();
        for (Object message : batch.getMessages()) {
            if (message instanceof EventMessage<?> event) {
                events.add(event);
            }
        }
        return events;
    }

    /** Every aggregate of one type that the batch's events belong to, those it creates included. */
    public static java.util.Set<String> aggregates(String aggregateType) {
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (EventMessage<?> message : messages()) {
            if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> event
                    && aggregateType.equals(event.getType())) {
                named.add(event.getAggregateIdentifier());
            }
        }
        return named;
    }

    /**
     * The aggregates of one type that the batch's events belong to, but those the batch creates (their first event,
     * of type {@code creation}, is in it): what a projection loads ahead in one query, as nothing is stored yet for
     * the new ones.
     */
    public static java.util.Set<String> aggregates(String aggregateType, Class<?> creation) {
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        java.util.Set<String> created = new java.util.HashSet<>();
        for (EventMessage<?> message : messages()) {
            if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> event
                    && aggregateType.equals(event.getType())) {
                if (creation.equals(event.getPayloadType())) {
                    created.add(event.getAggregateIdentifier());
                } else if (!created.contains(event.getAggregateIdentifier())) {
                    named.add(event.getAggregateIdentifier());
                }
            }
        }
        return named;
    }

    /** Whether {@link #state} has bound state under {@code key} to the current transaction already. */
    public static boolean bound(Object key) {
        return TransactionSynchronizationManager.hasResource(key);
    }

    /**
     * The state bound to the current transaction under {@code key}. On first use it is created, bound, and handed to
     * {@code bound} (which may already look it up again); {@code beforeCommit} writes it out.
     *
     * @throws IllegalStateException outside a transaction: the state would never be written
     */
    public static <T> T state(Object key, Supplier<T> create, Consumer<T> bound, Consumer<T> beforeCommit) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("batched writes need a transaction: " + key);
        }
        @SuppressWarnings("unchecked")
        T state = (T) TransactionSynchronizationManager.getResource(key);
        if (state == null) {
            T created = create.get();
            TransactionSynchronizationManager.bindResource(key, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    beforeCommit.accept(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            bound.accept(created);
            state = created;
        }
        return state;
    }
}
