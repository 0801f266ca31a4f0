package io.ordersvc.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestThreadsConfigTest {

    private final RequestThreadsConfig config = new RequestThreadsConfig();

    @Test
    void a_priority_outside_javas_range_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> config.requestThreadPriority(0))
                .hasMessageContaining("orders.request-thread-priority").hasMessageContaining("was 0");
        assertThatThrownBy(() -> config.requestThreadPriority(11)).hasMessageContaining("1 to 10");
    }

    @Test
    void any_priority_java_knows_is_taken() {
        assertThat(config.requestThreadPriority(Thread.MIN_PRIORITY)).isNotNull();
        assertThat(config.requestThreadPriority(Thread.MAX_PRIORITY)).isNotNull();
    }
}
