package io.ordersvc.platform.ids;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomUuidsTest {

    @Test
    void axon_takes_its_message_identifiers_from_here() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(RandomUuids.class);
        UUID id = UUID.fromString(new GenericEventMessage<>("an event").getIdentifier());
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void ids_are_random_version_4_uuids_and_distinct_across_threads() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = IntStream.range(0, 4).mapToObj(w -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < 25_000; i++) {
                UUID id = RandomUuids.next();
                assertThat(id.version()).isEqualTo(4);
                assertThat(id.variant()).isEqualTo(2);
                seen.add(id);
            }
        }, runnable -> new Thread(runnable).start())).toList();
        start.countDown();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        assertThat(seen).hasSize(100_000);
        // every one of the 122 random bits takes both values
        long msbOr = 0, msbAnd = -1, lsbOr = 0, lsbAnd = -1;
        for (UUID id : seen) {
            msbOr |= id.getMostSignificantBits();
            msbAnd &= id.getMostSignificantBits();
            lsbOr |= id.getLeastSignificantBits();
            lsbAnd &= id.getLeastSignificantBits();
        }
        assertThat(msbOr & ~0xf000L).isEqualTo(~0xf000L);
        assertThat(msbAnd & ~0xf000L).isZero();
        assertThat(lsbOr).isEqualTo(-1L >>> 2 | Long.MIN_VALUE);
        assertThat(lsbAnd & (-1L >>> 2)).isZero();
    }

    @Test
    void each_thread_draws_from_a_generator_of_its_own() throws Exception {
        SecureRandom mine = ThreadRandom.current();
        SecureRandom theirs = CompletableFuture.supplyAsync(ThreadRandom::current,
                runnable -> new Thread(runnable).start()).get();
        assertThat(ThreadRandom.current()).isSameAs(mine);
        assertThat(theirs).isNotSameAs(mine);
        assertThat(mine.getAlgorithm()).isEqualTo("DRBG");
    }

    @Test
    void the_shared_generator_view_draws_uniformly() {
        Set<Integer> faces = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            faces.add(ThreadRandom.generator().nextInt(6));
        }
        assertThat(faces).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }
}
