package io.ordersvc.platform.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Where the service's secure randomness comes from: a {@code DRBG} {@link SecureRandom} (NIST SP 800-90A) of each
 * thread's own, seeded from the system's entropy when the thread first asks.
 * <p>
 * {@code new SecureRandom()} and {@link java.util.UUID#randomUUID()} on Linux are {@code NativePRNG}, and every
 * {@code NativePRNG} of the JVM draws from one source behind one lock. Axon asks for a random identifier for every
 * command and event message, sealing asks for an IV per field, so under load the request threads and the event
 * processors queued for that lock: JFR at half load recorded waits of 20-350 ms on it, 30 s of them in 150 s
 * (bench/README.md, session 19). A generator per thread is as unpredictable and nobody waits for anybody.
 */
public final class ThreadRandom {

    private static final ThreadLocal<SecureRandom> OWN = ThreadLocal.withInitial(ThreadRandom::newGenerator);
    private static final RandomGenerator CALLERS = () -> current().nextLong();

    private ThreadRandom() {
    }

    /** The calling thread's generator: keep it on that thread. */
    public static SecureRandom current() {
        return OWN.get();
    }

    /** A generator that draws from the calling thread's own each time: one field can hold it for every thread. */
    public static RandomGenerator generator() {
        return CALLERS;
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no DRBG SecureRandom (every Java since 9 has)", e);
        }
    }
}
