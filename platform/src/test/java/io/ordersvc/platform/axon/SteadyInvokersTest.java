package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyInvokersTest {

    record Placed(String id) {
    }

    record Paid(String id) {
    }

    record Unknown(String id) {
    }

    /** Handles both events, and may be replayed. */
    static final class Projection {
        final List<String> seen = new ArrayList<>();
        int resets;

        @EventHandler
        void on(Placed event) {
            seen.add("placed " + event.id());
        }

        @EventHandler
        void on(Paid event) {
            seen.add("paid " + event.id());
        }

        @ResetHandler
        void reset() {
            resets++;
        }
    }

    /** Handles Paid only, and is never replayed (it sends something out). */
    @DisallowReplay
    static final class Outbox {
        final List<String> seen = new ArrayList<>();
        int resets;

        @EventHandler
        void on(Paid event) {
            seen.add("paid " + event.id());
        }

        @ResetHandler
        void reset() {
            resets++;
        }
    }

    private static EventHandlerInvoker invoker(Object handler) {
        return SimpleEventHandlerInvoker.builder().eventHandlers(handler).build();
    }

    private static EventMessage<?> live(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static EventMessage<?> replayed(Object payload) {
        return new GenericTrackedEventMessage<>(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10),
                new GlobalSequenceTrackingToken(3)), GenericEventMessage.asEventMessage(payload));
    }

    @Test
    void it_answers_and_handles_as_axons_multi_invoker_does_live_replayed_and_unhandled_events() throws Exception {
        var axonProjection = new Projection();
        var axonOutbox = new Outbox();
        var steadyProjection = new Projection();
        var steadyOutbox = new Outbox();
        EventHandlerInvoker axon = new MultiEventHandlerInvoker(invoker(axonProjection), invoker(axonOutbox));
        EventHandlerInvoker steady = SteadyInvokers.of(
                new MultiEventHandlerInvoker(invoker(steadyProjection), invoker(steadyOutbox)));
        assertThat(steady).isInstanceOf(SteadyInvokers.class);

        List<EventMessage<?>> events = List.of(live(new Placed("o1")), live(new Paid("o1")), live(new Unknown("o1")),
                replayed(new Placed("o2")), replayed(new Paid("o2")), replayed(new Unknown("o2")));
        for (EventMessage<?> event : events) {
            assertThat(steady.canHandle(event, Segment.ROOT_SEGMENT))
                    .as("%s", event.getPayload()).isEqualTo(axon.canHandle(event, Segment.ROOT_SEGMENT));
            axon.handle(event, Segment.ROOT_SEGMENT);
            steady.handle(event, Segment.ROOT_SEGMENT);
        }
        for (Class<?> type : List.of(Placed.class, Paid.class, Unknown.class, Unknown.class)) {
            assertThat(steady.canHandleType(type)).as("%s", type).isEqualTo(axon.canHandleType(type));
        }
        assertThat(steady.supportsReset()).isEqualTo(axon.supportsReset()).isTrue();
        axon.performReset();
        steady.performReset();

        assertThat(steadyProjection.seen).isEqualTo(axonProjection.seen)
                .containsExactly("placed o1", "paid o1", "placed o2", "paid o2");
        assertThat(steadyOutbox.seen).isEqualTo(axonOutbox.seen).containsExactly("paid o1");
        assertThat(steadyProjection.resets).isEqualTo(axonProjection.resets).isOne();
        assertThat(steadyOutbox.resets).isEqualTo(axonOutbox.resets).isZero();
        assertThat(steady.canHandle(replayed(new Paid("o3")), Segment.ROOT_SEGMENT)).isTrue();
        assertThat(SteadyInvokers.of(new MultiEventHandlerInvoker(invoker(new Outbox())))
                .canHandle(replayed(new Paid("o3")), Segment.ROOT_SEGMENT)).isFalse();
    }

    /** Counts what it is asked; handles Placed only, supports a reset as it is told. */
    static final class Counting implements EventHandlerInvoker {
        final AtomicInteger resetQuestions = new AtomicInteger();
        final AtomicInteger typeQuestions = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger handleQuestions = new AtomicInteger();
        final AtomicInteger handled = new AtomicInteger();
        private final boolean resettable;

        Counting(boolean resettable) {
            this.resettable = resettable;
        }

        @Override
        public boolean canHandle(EventMessage<?> event, Segment segment) {
            handleQuestions.incrementAndGet();
            return event.getPayload() instanceof Placed;
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            typeQuestions.incrementAndGet();
            return payloadType == Placed.class;
        }

        @Override
        public void handle(EventMessage<?> message, Segment segment) {
            handled.incrementAndGet();
        }

        @Override
        public boolean supportsReset() {
            resetQuestions.incrementAndGet();
            return resettable;
        }

        @Override
        public void segmentReleased(Segment segment) {
            released.incrementAndGet();
        }
    }

    @Test
    void it_asks_its_invokers_once_whether_they_support_a_reset_and_once_per_payload_type_whether_they_handle_it()
            throws Exception {
        var first = new Counting(false);
        var second = new Counting(false);
        EventHandlerInvoker steady = SteadyInvokers.of(new MultiEventHandlerInvoker(first, second));

        for (int i = 0; i < 100; i++) {
            EventMessage<?> event = i % 2 == 0 ? live(new Placed("o" + i)) : replayed(new Placed("o" + i));
            if (steady.canHandle(event, Segment.ROOT_SEGMENT)) {
                steady.handle(event, Segment.ROOT_SEGMENT);
            }
            steady.canHandleType(Placed.class);
            steady.canHandleType(Unknown.class);
        }
        steady.segmentReleased(Segment.ROOT_SEGMENT);

        assertThat(first.resetQuestions).hasValue(1);
        assertThat(second.resetQuestions).hasValue(1);
        assertThat(steady.supportsReset()).isFalse();
        assertThat(first.typeQuestions).hasValue(2); // Placed, Unknown
        assertThat(second.typeQuestions).hasValue(2);
        assertThat(steady.canHandleType(Placed.class)).isTrue();
        assertThat(steady.canHandleType(Unknown.class)).isFalse();
        assertThat(steady.canHandle(replayed(new Placed("o")), Segment.ROOT_SEGMENT)).isFalse();
        assertThat(first.released).hasValue(1);
        assertThat(second.released).hasValue(1);
    }

    @Test
    void a_lone_invoker_is_asked_once_per_event_whether_it_can_handle_it_and_sees_a_replay_only_if_it_may()
            throws Exception {
        var resettable = new Counting(true);
        var notResettable = new Counting(false);
        EventHandlerInvoker replayed = SteadyInvokers.of(new MultiEventHandlerInvoker(List.of(resettable)));
        EventHandlerInvoker liveOnly = SteadyInvokers.of(new MultiEventHandlerInvoker(List.of(notResettable)));

        for (EventMessage<?> event : List.of(live(new Placed("o1")), replayed(new Placed("o2")))) {
            for (EventHandlerInvoker invoker : List.of(replayed, liveOnly)) {
                if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) { // as Axon's processors do
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                }
            }
        }
        liveOnly.handle(replayed(new Placed("o3")), Segment.ROOT_SEGMENT);

        assertThat(resettable.handleQuestions).hasValue(2);
        assertThat(resettable.handled).hasValue(2);
        assertThat(notResettable.handleQuestions).hasValue(1);
        assertThat(notResettable.handled).hasValue(1);
    }

    @Test
    void an_event_of_a_type_an_invoker_has_no_handler_for_is_not_offered_to_it() throws Exception {
        var counting = new Counting(true);
        EventHandlerInvoker steady = SteadyInvokers.of(new MultiEventHandlerInvoker(counting, new Counting(true)));

        for (int i = 0; i < 20; i++) {
            assertThat(steady.canHandle(live(new Unknown("o" + i)), Segment.ROOT_SEGMENT)).isFalse();
            steady.handle(live(new Unknown("o" + i)), Segment.ROOT_SEGMENT);
        }
        assertThat(steady.canHandle(live(new Placed("o")), Segment.ROOT_SEGMENT)).isTrue();

        assertThat(counting.handleQuestions).hasValue(1); // the Placed event only
        assertThat(counting.handled).hasValue(0);
        assertThat(counting.typeQuestions).hasValue(2); // Unknown, Placed: once each
    }

    @Test
    void any_other_invoker_is_kept_as_it_is() {
        var single = new Counting(true);
        assertThat(SteadyInvokers.of(single)).isSameAs(single);
    }
}
