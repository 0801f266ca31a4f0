package io.ordersvc.platform.axon;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionPaceTest {

    private final ProjectionPace pace = new ProjectionPace(Duration.ofSeconds(10));

    @Test
    void it_reports_the_oldest_live_event_handled_since_it_was_last_asked() {
        pace.observed(40);
        pace.observed(180);
        pace.observed(90);

        assertThat(pace.takeWorstMillis()).isEqualTo(180);
        assertThat(pace.takeWorstMillis()).isZero();
    }

    @Test
    void history_being_caught_up_on_and_clocks_out_of_step_say_nothing_about_the_load() {
        pace.observed(Duration.ofHours(3).toMillis()); // a rebuild replaying old events
        pace.observed(-5); // stamped by a clock ahead of this one

        assertThat(pace.takeWorstMillis()).isZero();
    }
}
