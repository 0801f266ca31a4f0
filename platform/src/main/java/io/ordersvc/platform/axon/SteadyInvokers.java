package io.ordersvc.platform.axon;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.SubscribableMessageSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The event processors' handler invokers, asked once what does not change. Axon's {@link MultiEventHandlerInvoker}
 * asks each of its invokers, for every event and again before handling it, whether its handlers support a reset: a
 * walk through every handler method's annotations in a chain of streams. Which payload types an invoker handles is
 * asked again for each event a tracking processor skips. Both answers are fixed once the handlers are registered;
 * this invoker takes them once and keeps the rest of Axon's behaviour (an invoker that does not support a reset sees
 * no replayed event, and takes no part in a reset). Together they were about 7 % of the service's allocation under
 * load (bench/README.md, session 49).
 * <p>
 * An event whose payload type an invoker has no handler for is not offered to it: Axon asked each invoker's handlers
 * one by one for every event, a walk through all of them for the many events a processor does not handle. An
 * invoker that can handle an event can handle its payload type (Axon's tracking processors skip every later event
 * of a type its invoker says it cannot handle), so the answer is the same.
 */
final class SteadyInvokers implements EventHandlerInvoker {

    private final List<EventHandlerInvoker> delegates;
    private final boolean[] resets;
    private final boolean anyResets;
    /** Whether each invoker has a handler for a payload type (Axon's own answer, asked once per type). */
    private final ClassValue<boolean[]> handlesType = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
            boolean[] handles = new boolean[delegates.size()];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = delegates.get(i).canHandleType(type);
            }
            return handles;
        }
    };

    SteadyInvokers(List<EventHandlerInvoker> delegates) {
        this.delegates = List.copyOf(delegates);
        this.resets = new boolean[this.delegates.size()];
        boolean any = false;
        for (int i = 0; i < resets.length; i++) {
            resets[i] = this.delegates.get(i).supportsReset();
            any |= resets[i];
        }
        this.anyResets = any;
    }

    /** Axon's multi invoker's delegates, asked once; any other invoker as it is. */
    static EventHandlerInvoker of(EventHandlerInvoker invoker) {
        return invoker instanceof MultiEventHandlerInvoker multi ? new SteadyInvokers(multi.delegates()) : invoker;
    }

    private boolean sees(int delegate, EventMessage<?> event) {
        return resets[delegate] || !ReplayToken.isReplay(event);
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        boolean[] handles = handlesType.get(event.getPayloadType());
        for (int i = 0; i < resets.length; i++) {
            if (handles[i] && sees(i, event) && delegates.get(i).canHandle(event, segment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        for (boolean handles : handlesType.get(payloadType)) {
            if (handles) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands the event to each invoker that sees it and can handle it. A processor hands over only an event it was
     * told this invoker can handle: with one invoker that answer stands, and is not asked again (a walk through its
     * handlers; the invoker still checks the segment, which Axon's processors may hand over several of).
     */
    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        if (resets.length == 1) {
            if (sees(0, event)) {
                delegates.get(0).handle(event, segment);
            }
            return;
        }
        boolean[] handles = handlesType.get(event.getPayloadType());
        for (int i = 0; i < resets.length; i++) {
            EventHandlerInvoker delegate = delegates.get(i);
            if (handles[i] && sees(i, event) && delegate.canHandle(event, segment)) {
                delegate.handle(event, segment);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return anyResets;
    }

    @Override
    public void performReset() {
        performReset(null);
    }

    @Override
    public <R> void performReset(R resetContext) {
        for (int i = 0; i < resets.length; i++) {
            if (resets[i]) {
                delegates.get(i).performReset(resetContext);
            }
        }
    }

    @Override
    public void segmentReleased(Segment segment) {
        for (EventHandlerInvoker delegate : delegates) {
            delegate.segmentReleased(segment);
        }
    }

    /**
     * Axon's event processing module, giving every processor it builds a {@link SteadyInvokers}, and every tracking
     * processor a shorter wait for events ({@code eventAvailabilityTimeout}, Axon's default a second).
     * <p>
     * That wait is also how long a tracking processor holds back the token of events it read and did not handle
     * (another segment's, or of types it has no handler for): it stores that token only once a whole wait has passed
     * without an event it handles. When a load stopped, every processor whose last events were such (the order
     * projection, order-due-dates and webhook deliveries, behind the wallet and member events that order-due-dates'
     * points and spending commands append) showed itself 850-1,000 ms behind the head in the token table, its read
     * model long up to date: the bench's catch-up (bench/README.md, session 63). With a shorter wait the token
     * follows within that wait. An idle processor's thread wakes once per wait and stores nothing
     * ({@link SparingClaims}); under load a processor stores such a token at most once per wait.
     * <p>
     * The wait is set on the configuration Axon hands over, in place: each processor here has its own (its
     * feature-settings file); one left to Axon's defaults would share a static one, which would carry the same wait.
     */
    static final class Module extends EventProcessingModule {

        private final Duration idleWait;

        Module(Duration idleWait) {
            this.idleWait = idleWait;
        }

        @Override
        protected EventProcessor subscribingEventProcessor(
                String name, EventHandlerInvoker invoker,
                SubscribableMessageSource<? extends EventMessage<?>> source) {
            return super.subscribingEventProcessor(name, of(invoker), source);
        }

        @Override
        protected EventProcessor trackingEventProcessor(
                String name, EventHandlerInvoker invoker, TrackingEventProcessorConfiguration config,
                StreamableMessageSource<TrackedEventMessage<?>> source) {
            return super.trackingEventProcessor(name, of(invoker),
                    config.andEventAvailabilityTimeout(idleWait.toMillis(), TimeUnit.MILLISECONDS), source);
        }

        @Override
        protected EventProcessor pooledStreamingEventProcessor(
                String name, EventHandlerInvoker invoker, org.axonframework.config.Configuration config,
                StreamableMessageSource<TrackedEventMessage<?>> source,
                PooledStreamingProcessorConfiguration processorConfiguration) {
            return super.pooledStreamingEventProcessor(name, of(invoker), config, source, processorConfiguration);
        }
    }
}
