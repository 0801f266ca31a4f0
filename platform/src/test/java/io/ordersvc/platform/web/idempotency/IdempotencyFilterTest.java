package io.ordersvc.platform.web.idempotency;

import io.ordersvc.platform.web.ProblemWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyFilterTest {

    @Test
    void a_lost_race_and_a_server_failure_are_not_kept_every_answer_about_the_request_is() {
        assertThat(IdempotencyFilter.worthKeeping(409, ProblemWriter.CONCURRENT_MODIFICATION)).isFalse();
        assertThat(IdempotencyFilter.worthKeeping(500, "INTERNAL_ERROR")).isFalse();
        assertThat(IdempotencyFilter.worthKeeping(503, null)).isFalse();
        assertThat(IdempotencyFilter.worthKeeping(409, "ORDER_NOT_PAYABLE")).isTrue();
        assertThat(IdempotencyFilter.worthKeeping(422, "AMOUNT_MISMATCH")).isTrue();
        assertThat(IdempotencyFilter.worthKeeping(201, null)).isTrue();
    }
}
