package io.ordersvc.command.order;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OrderNumbersTest {

    private static final Instant AT = Instant.parse("2026-12-02T09:30:15Z");

    @Test
    void twenty_digits_of_time_node_and_counter() {
        OrderNumbers numbers = new OrderNumbers(Clock.fixed(AT, ZoneOffset.UTC), 7);
        assertThat(numbers.next()).isEqualTo("20261202093015007000");
        assertThat(numbers.next()).isEqualTo("20261202093015007001");
    }

    @Test
    void past_a_thousand_in_one_second_the_next_second_is_borrowed_and_numbers_keep_increasing() {
        OrderNumbers numbers = new OrderNumbers(Clock.fixed(AT, ZoneOffset.UTC), 42);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            drawn.add(numbers.next());
        }
        assertThat(drawn.get(999)).isEqualTo("20261202093015042999");
        assertThat(drawn.get(1_000)).isEqualTo("20261202093016042000");
        assertThat(drawn).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void threads_drawing_at_once_never_get_the_same_number() throws Exception {
        OrderNumbers numbers = new OrderNumbers(Clock.fixed(AT, ZoneOffset.UTC), 3);
        ConcurrentLinkedQueue<String> drawn = new ConcurrentLinkedQueue<>();
        CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2_500; i++) {
                drawn.add(numbers.next());
            }
        }, runnable -> new Thread(runnable).start())).toArray(CompletableFuture[]::new)).get();
        Set<String> distinct = new HashSet<>(drawn);
        assertThat(distinct).hasSize(10_000);
        assertThat(distinct).allMatch(n -> n.length() == 20 && n.substring(14, 17).equals("003"));
    }
}
