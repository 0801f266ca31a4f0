package io.ordersvc.standalone.admin;

import io.ordersvc.platform.axon.InstanceId;
import io.ordersvc.shared.order.OrderEvent.OrderDeletedByBuyer;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processors as an operator sees them over HTTP: every tracking processor's segments with their position, the
 * head and the lag, caught up after a command; a dead letter listed and handed back to its processor.
 */
class ProcessorAdminIT extends IntegrationTest {

    final String admin = token("admin-ops", "admin");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    InstanceId instance;

    @Test
    void every_processor_shows_its_segments_position_head_and_lag() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        Api.Sku sku = api.createProduct(seller, "Ops", "5.00", 5).get(0);
        api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode all = api.get("/api/v1/admin/processors", admin).expect(200).body();
            long head = all.path("head").asLong();
            assertThat(head).isPositive();
            JsonNode orders = processor(all, "orders");
            assertThat(orders.path("mode").asString()).isEqualTo("tracking");
            assertThat(orders.path("state").asString()).isEqualTo("running");
            assertThat(orders.path("segments").size()).as("one segment unless split").isEqualTo(1);
            orders.path("segments").forEach(s -> {
                assertThat(s.path("lag_events").asLong()).isZero();
                assertThat(s.path("position").asLong()).isLessThanOrEqualTo(head);
            });
            assertThat(processor(all, "analytics").path("segments").path(0).path("lag_events").asLong()).isZero();
            assertThat(processor(all, "payouts").path("mode").asString()).isEqualTo("subscribing");
        });
        api.get("/api/v1/admin/processors", token(uniqueId("seller"), "seller", uniqueId("shop"))).expect(403);
    }

    /**
     * A segment nobody works is told apart from one another instance works: the state an operator must act on if it
     * lasts (a CI run once left half the order projection to no thread).
     */
    @Test
    void a_segment_no_instance_claims_is_unclaimed_and_one_another_instance_claims_is_elsewhere() {
        String name = uniqueId("retired");
        try {
            jdbc.update("INSERT INTO token_entry (processor_name, segment, owner) VALUES (?, 0, NULL), (?, 1, ?),"
                    + " (?, 2, ?)", name, name, "other-instance", name, instance.value());
            JsonNode segments = processor(api.get("/api/v1/admin/processors", admin).expect(200).body(), name)
                    .path("segments");
            assertThat(segments.path(0).path("owner").isNull()).isTrue();
            assertThat(segments.path(0).path("state").asString()).isEqualTo("unclaimed");
            assertThat(segments.path(1).path("owner").asString()).isEqualTo("other-instance");
            assertThat(segments.path(1).path("state").asString()).isEqualTo("elsewhere");
            // This instance's claim that none of its threads works (a merged segment, for a moment) is worked by
            // no instance either.
            assertThat(segments.path(2).path("owner").asString()).isEqualTo(instance.value());
            assertThat(segments.path(2).path("state").asString()).isEqualTo("unclaimed");
        } finally {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", name);
        }
    }

    @Test
    void every_processor_asks_its_handlers_once_what_does_not_change() {
        assertThat(processing.eventProcessors()).hasSizeGreaterThan(10);
        processing.eventProcessors().forEach((name, processor) ->
                assertThat(((AbstractEventProcessor) processor).eventHandlerInvoker().getClass().getSimpleName())
                        .as(name).isEqualTo("SteadyInvokers"));
    }

    @Test
    void an_operator_splits_the_order_projection_in_two_and_merges_it_back() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Api.Sku sku = api.createProduct(seller, "Halves", "2.00", 100).get(0);
        var orders = processing.eventProcessor("orders", StreamingEventProcessor.class).orElseThrow();
        awaitUntil(() -> assertThat(orders.processingStatus().keySet()).containsExactly(0));

        JsonNode split = post("/segments/0/split").expect(200).body();
        assertThat(split.path("name").asString()).isEqualTo("orders");
        assertThat(split.path("segments").size()).isEqualTo(2);
        // Both halves are this instance's (two threads); a third segment would be more than one instance works.
        awaitUntil(() -> assertThat(orders.processingStatus().keySet()).containsExactlyInAnyOrder(0, 1));
        JsonNode limit = post("/segments/0/split").expectProblem(409, "SEGMENT_LIMIT").body();
        assertThat(limit.path("segments").asInt()).isEqualTo(2);
        assertThat(limit.path("threads").asInt()).isEqualTo(2);

        // Orders of either half are projected: a handful lands in both segments.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id"));
        }
        ids.forEach(id -> assertThat(api.order(id, buyer, 0).path("status").asString()).isEqualTo("pending_payment"));

        JsonNode merged = mergeBack();
        assertThat(merged.path("segments").size()).isEqualTo(1);
        awaitUntil(() -> assertThat(orders.processingStatus().keySet()).containsExactly(0));
        post("/segments/0/merge").expectProblem(409, "SEGMENT_NOT_MERGEABLE");
        String after = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        assertThat(api.order(after, buyer, 0).path("status").asString()).isEqualTo("pending_payment");
        awaitUntil(() -> assertThat(processor(api.get("/api/v1/admin/processors", admin).expect(200).body(),
                "orders").path("segments").path(0).path("lag_events").asLong()).isZero());
    }

    @Test
    void splits_and_merges_are_refused_for_what_does_not_exist_or_is_not_here() {
        post("/segments/7/split").expectProblem(404, "SEGMENT_NOT_FOUND");
        api.post("/api/v1/admin/processors/no-such/segments/0/split", admin, null)
                .expectProblem(404, "PROCESSOR_NOT_FOUND");
        api.post("/api/v1/admin/processors/payouts/segments/0/merge", admin, null)
                .expectProblem(409, "PROCESSOR_NOT_HERE");
        assertThat(api.post("/api/v1/admin/processors/orders/segments/-1/split", admin, null).expect(400).raw())
                .contains("segment");
        api.post("/api/v1/admin/processors/orders/segments/0/split", token(uniqueId("seller"), "seller",
                uniqueId("shop")), null).expect(403);
        assertThat(processing.eventProcessor("orders", StreamingEventProcessor.class).orElseThrow()
                .processingStatus()).hasSize(1);
    }

    /**
     * Whatever a test here did, the suite's other tests find the order projection in one segment again: a merge that
     * failed would leave half of it to a thread nobody starts, and every later test waiting for an order would time
     * out with it (a CI run once lost ten tests that way).
     */
    @AfterEach
    void the_order_projection_is_one_segment_again() {
        var orders = processing.eventProcessor("orders", StreamingEventProcessor.class).orElseThrow();
        if (jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'orders'", Integer.class)
                > 1) {
            mergeBack();
        }
        awaitUntil(() -> assertThat(orders.processingStatus().keySet()).containsExactly(0));
    }

    /**
     * Merges segment 1 back into 0. A merge waits for both segments' threads to finish their batches; when that takes
     * longer than the service waits (SEGMENT_BUSY), the operator asks again, as the answer says to. What the threads
     * were doing is printed, so that a slow merge names its cause.
     */
    private JsonNode mergeBack() {
        var last = new java.util.concurrent.atomic.AtomicReference<Api.Response>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(post("/segments/1/merge"));
            if ("SEGMENT_BUSY".equals(last.get().code())) {
                System.out.println("ProcessorAdminIT: merge busy; the orders processor's threads:\n" + threads());
            }
            assertThat(last.get().code()).as(last.get().raw()).isNotIn("SEGMENT_NOT_HERE", "SEGMENT_BUSY");
        });
        if ("SEGMENT_NOT_FOUND".equals(last.get().code())) {
            // A merge answered SEGMENT_BUSY finished after its answer: the processor is whole.
            return processor(api.get("/api/v1/admin/processors", admin).expect(200).body(), "orders");
        }
        return last.get().expect(200).body();
    }

    private static String threads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("orders")) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
        });
        return dump.toString();
    }

    private Api.Response post(String segmentPath) {
        return api.post("/api/v1/admin/processors/orders" + segmentPath, admin, null);
    }

    private static void awaitUntil(org.awaitility.core.ThrowingRunnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }

    static JsonNode processor(JsonNode all, String name) {
        for (JsonNode p : all.path("processors")) {
            if (p.path("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no processor " + name + " in " + all);
    }

    @Test
    void a_dead_letter_is_listed_and_handed_back_to_its_processor() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue("orders").orElseThrow();
        String orderId = UUID.randomUUID().toString(); // no such order: the projection skips it without failing
        queue.enqueue(orderId, new GenericDeadLetter<>(orderId, new GenericDomainEventMessage<>("Order", orderId, 3,
                new OrderDeletedByBuyer(orderId, Instant.now())), new IllegalStateException("poisoned for the test")));

        JsonNode letters = api.get("/api/v1/admin/dead-letters?processing_group=orders", admin).expect(200).body();
        JsonNode letter = null;
        for (JsonNode l : letters.path("items")) {
            if (orderId.equals(l.path("aggregate_identifier").asString())) {
                letter = l;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.path("cause_message").asString()).contains("poisoned for the test");
        assertThat(processor(api.get("/api/v1/admin/processors", admin).expect(200).body(), "orders")
                .path("dead_letters").asLong()).isPositive();

        JsonNode retried = api.post("/api/v1/admin/dead-letters/" + letter.path("dead_letter_id").asString()
                + "/retry", admin, null).expect(200).body();
        assertThat(retried.path("processed").asBoolean()).isTrue();
        assertThat(retried.path("remaining").asLong()).isZero();
        api.post("/api/v1/admin/dead-letters/" + letter.path("dead_letter_id").asString() + "/retry", admin, null)
                .expectProblem(404, "DEAD_LETTER_NOT_FOUND");
    }
}
