package io.ordersvc.command.order;

import io.ordersvc.platform.ids.ThreadRandom;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * New e-ticket codes: 16 characters of Crockford's base32 (no I, L, O, U: read aloud and typed without mistakes),
 * 80 bits from a SecureRandom ({@link ThreadRandom}), no sequence, so a code cannot be guessed from another. Handed
 * to the Order as a handler parameter, as its Clock is: tests give one that repeats.
 */
@Component
@io.ordersvc.platform.FeatureApi // payments hand it to the order they pay
public class TicketCodes implements Supplier<String> {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 16;
    private final RandomGenerator random;

    public TicketCodes() {
        this(ThreadRandom.generator());
    }

    public TicketCodes(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public String get() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
