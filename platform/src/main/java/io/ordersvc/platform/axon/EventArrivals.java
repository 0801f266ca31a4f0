package io.ordersvc.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the streaming processors' source, with one addition: their streams tell when new events have
 * arrived. Axon's embedded store cannot (with its shared read-ahead cache off, see AxonStorageConfig), so a pooled
 * processor that has caught up looks again only every 500 ms: half a second of projection lag on average. Here a
 * processor is woken when a transaction of this instance that appended events has committed, and when PostgreSQL
 * reports another instance's append ({@link EventNotificationListener}); Axon's own recheck every few seconds stays
 * as the safety net.
 */
public class EventArrivals implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();

    public EventArrivals(EventStore store) {
        this.store = store;
        // Subscribers are called while the appending unit of work prepares its commit: too early, the events are not
        // visible to other transactions yet. Wake the processors once it has committed.
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(u -> arrived());
            } else {
                arrived();
            }
        });
    }

    /** New events may be in the store: every open stream's processor looks now. */
    public void arrived() {
        callbacks.forEach(Runnable::run);
    }

    int listeners() {
        return callbacks.size();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Stream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private Stream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            delegate.close();
        }
    }
}
