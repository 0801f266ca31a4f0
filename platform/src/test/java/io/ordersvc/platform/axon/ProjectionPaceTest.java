package io.ordersvc.platform.axon;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionPaceTest {

    private final AtomicLong now = new AtomicLong();
    private final ProjectionPace pace = new ProjectionPace(Duration.ofSeconds(10), now::get);

    private void after(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

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

    @Test
    void an_announced_append_the_live_stream_has_not_read_counts_from_its_announcement_until_it_is_read() {
        pace.opened();
        pace.observed(15); // the projection runs live
        pace.read(100);
        pace.announced(101);
        after(120);
        pace.announced(105);
        after(200);

        assertThat(pace.takeWorstMillis()).isEqualTo(320); // known before the projection gets to it
        pace.read(103);
        assertThat(pace.takeWorstMillis()).isEqualTo(200); // 101 read: 105 is the oldest waiting
        pace.read(105);
        assertThat(pace.takeWorstMillis()).isZero();
    }

    @Test
    void the_handled_age_still_counts_when_it_is_the_larger() {
        pace.opened();
        pace.observed(15);
        pace.announced(7);
        after(40);
        pace.observed(260);

        assertThat(pace.takeWorstMillis()).isEqualTo(260);
    }

    @Test
    void unread_appends_say_nothing_without_a_live_stream_here_while_history_is_caught_up_or_past_the_history() {
        pace.announced(1); // no stream of this instance reads (the segments are another's)
        after(500);
        assertThat(pace.takeWorstMillis()).isZero();

        pace.opened();
        pace.observed(Duration.ofHours(2).toMillis()); // a rebuild replaying history
        pace.announced(2);
        after(500);
        assertThat(pace.takeWorstMillis()).isZero();

        pace.observed(30); // live again
        assertThat(pace.takeWorstMillis()).isEqualTo(500);
        after(10_000);
        assertThat(pace.takeWorstMillis()).as("stalled: holding commands would not help").isZero();

        pace.read(2);
        pace.closed();
        pace.announced(3);
        after(500);
        assertThat(pace.takeWorstMillis()).as("the stream closed: its segment went elsewhere").isZero();
    }
}
