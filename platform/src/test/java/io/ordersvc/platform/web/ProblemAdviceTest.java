package io.ordersvc.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAdviceTest {

    /** Hikari's timeout as Spring wraps it: no cause when every connection was simply busy. */
    static CannotCreateTransactionException poolTimeout(Throwable lastConnectionFailure) {
        var timeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms", null,
                lastConnectionFailure);
        return new CannotCreateTransactionException("Could not open JPA EntityManager for transaction", timeout);
    }

    @Test
    void a_busy_pool_is_overload_not_an_outage() {
        assertThat(ProblemAdvice.isPoolExhausted(poolTimeout(null))).isTrue();
        assertThat(ProblemAdvice.isDatabaseUnavailable(poolTimeout(null))).isTrue();
    }

    @Test
    void a_pool_that_cannot_reach_the_database_is_an_outage() {
        var unreachable = poolTimeout(new SQLException("Connection refused", "08001", new ConnectException()));
        assertThat(ProblemAdvice.isPoolExhausted(unreachable)).isFalse();
        assertThat(ProblemAdvice.isDatabaseUnavailable(unreachable)).isTrue();
        assertThat(ProblemAdvice.isPoolExhausted(new IllegalStateException("unrelated"))).isFalse();
    }

    @Test
    void a_command_that_got_no_turn_is_busy_with_a_retry_after_like_a_busy_pool() {
        var request = new MockHttpServletRequest("POST", "/api/v1/orders");
        var gate = new ProblemAdvice().any(new ServiceBusy("Every command slot stayed busy for 10000 ms"), request);
        var pool = new ProblemAdvice().any(poolTimeout(null), request);

        for (var answer : java.util.List.of(gate, pool)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVICE_BUSY");
        }
        assertThat(gate.getBody().getDetail()).contains("command slot");
    }
}
