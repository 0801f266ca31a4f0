package io.ordersvc.platform.ids;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedUuidsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:30:00.123Z");

    @Test
    void an_id_is_a_version_7_uuid_whose_first_48_bits_are_the_clocks_milliseconds() {
        UUID id = new IdsConfig().idGenerator(Clock.fixed(NOW, ZoneOffset.UTC)).generateId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
        // RFC 9562's own example: 2022-02-22T19:22:22Z is 017F22E2-79B0
        assertThat(TimeOrderedUuids.at(Instant.parse("2022-02-22T19:22:22Z").toEpochMilli()).toString())
                .startsWith("017f22e2-79b0-7");
    }

    @Test
    void the_services_clock_ticking_in_microseconds_gives_ids_of_its_time() {
        Clock micros = Clock.tick(Clock.fixed(NOW.plusNanos(456_789), ZoneOffset.UTC), Duration.ofNanos(1_000));

        UUID id = new TimeOrderedUuids(micros).generateId();

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void ids_as_stored_sort_as_the_times_they_were_made() {
        // across every hex digit's change from 9 to a, and a whole day of milliseconds
        long start = NOW.toEpochMilli();
        List<String> made = new ArrayList<>();
        for (long ms = start; ms < start + 40; ms++) {
            made.add(TimeOrderedUuids.at(ms).toString());
        }
        made.add(TimeOrderedUuids.at(start + 86_400_000L).toString());
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void ids_of_one_millisecond_are_distinct_across_threads_and_their_74_free_bits_random() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        var generator = new TimeOrderedUuids(Clock.fixed(NOW, ZoneOffset.UTC));
        CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(w -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 25_000; i++) {
                seen.add(generator.generateId());
            }
        }, runnable -> new Thread(runnable).start())).toArray(CompletableFuture[]::new)).get();

        assertThat(seen).hasSize(100_000);
        long msbOr = 0, msbAnd = -1, lsbOr = 0, lsbAnd = -1;
        for (UUID id : seen) {
            assertThat(id.getMostSignificantBits() & ~0xfffL).isEqualTo(NOW.toEpochMilli() << 16 | 0x7000L);
            msbOr |= id.getMostSignificantBits();
            msbAnd &= id.getMostSignificantBits();
            lsbOr |= id.getLeastSignificantBits();
            lsbAnd &= id.getLeastSignificantBits();
        }
        assertThat(msbOr & 0xfffL).isEqualTo(0xfffL);
        assertThat(msbAnd & 0xfffL).isZero();
        assertThat(lsbOr).isEqualTo(-1L >>> 2 | Long.MIN_VALUE);
        assertThat(lsbAnd).isEqualTo(Long.MIN_VALUE);
    }
}
