package io.ordersvc.platform.admin;

import io.ordersvc.shared.error.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A split or merge runs on the segment's thread between two batches; the operator's answer says whether it ran,
 * failed, or is still waiting for that thread (and so may yet run).
 */
class ProcessorAdminAwaitTest {

    private static final Duration WAIT = Duration.ofMillis(20);

    @Test
    void a_change_the_thread_made_is_answered_at_once() {
        assertThatCode(() -> ProcessorAdmin.await("orders", 1, "merge", CompletableFuture.completedFuture(true), WAIT))
                .doesNotThrowAnyException();
    }

    @Test
    void a_change_the_thread_has_not_taken_yet_is_busy_and_may_still_happen() {
        Refusal busy = catchThrowableOfType(Refusal.class,
                () -> ProcessorAdmin.await("orders", 1, "merge", new CompletableFuture<>(), WAIT));
        assertThat(busy.code()).isEqualTo("SEGMENT_BUSY");
        assertThat(busy.getMessage()).contains("merge of segment 1 of orders").contains("may still take it")
                .contains("GET /api/v1/admin/processors");
    }

    @Test
    void a_change_the_thread_refused_or_failed_is_busy_without_that_promise() {
        Refusal refused = catchThrowableOfType(Refusal.class,
                () -> ProcessorAdmin.await("orders", 1, "merge", CompletableFuture.completedFuture(false), WAIT));
        CompletableFuture<Boolean> failed = CompletableFuture.failedFuture(new IllegalStateException("claim lost"));
        Refusal threw = catchThrowableOfType(Refusal.class,
                () -> ProcessorAdmin.await("orders", 1, "split", failed, WAIT));
        assertThat(refused.code()).isEqualTo("SEGMENT_BUSY");
        assertThat(refused.getMessage()).contains("did not complete").doesNotContain("may still");
        assertThat(threw.code()).isEqualTo("SEGMENT_BUSY");
        assertThat(threw.getMessage()).contains("split of segment 1 of orders").doesNotContain("may still");
    }
}
