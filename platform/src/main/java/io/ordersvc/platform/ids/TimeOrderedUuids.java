package io.ordersvc.platform.ids;

import org.springframework.util.IdGenerator;

import java.time.Clock;
import java.util.UUID;

/**
 * The service's own resource ids (orders, shipments, refunds, products, ...): time-ordered version 7 UUIDs
 * (RFC 9562, section 5.7). The first 48 bits are the Unix time in milliseconds from the service's {@link Clock}, the
 * other 74 free bits random, drawn from the calling thread's own generator ({@link ThreadRandom}).
 * <p>
 * Why not random (version 4) ones: an id is the key of the event table's index and of every read model's primary key
 * that follows it. A random key sends each new order to a random leaf of each of those indexes, so every leaf is
 * written again (and copied whole into the WAL after each checkpoint) and split in the middle (half-empty pages);
 * ids made in the same millisecond share their first 12 hex digits, so their rows land on the last leaves, which
 * stay in memory and fill up. Within a millisecond the order is random: nothing needs a strict sequence, and no
 * lock is shared between threads. 74 random bits keep ids unguessable; what an id tells is when it was made, which
 * its resource shows anyway (bench/README.md, session 56).
 */
public final class TimeOrderedUuids implements IdGenerator {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_10 = Long.MIN_VALUE;

    private final Clock clock;

    public TimeOrderedUuids(Clock clock) {
        this.clock = clock;
    }

    /** A version 7 UUID for the given Unix time in milliseconds (the low 48 bits of it). */
    public static UUID at(long unixMillis) {
        var random = ThreadRandom.current();
        long msb = unixMillis << 16 | VERSION_7 | random.nextInt(1 << 12);
        long lsb = VARIANT_10 | random.nextLong() >>> 2;
        return new UUID(msb, lsb);
    }

    /**
     * Taken from the clock's instant: {@link Clock#millis()} of a clock that ticks in microseconds, as the service's
     * does, divides by zero on Java 17.
     */
    @Override
    public UUID generateId() {
        return at(clock.instant().toEpochMilli());
    }
}
