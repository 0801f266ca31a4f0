package io.ordersvc.platform.ids;

import org.axonframework.common.IdentifierFactory;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Random (version 4) UUIDs from the calling thread's own generator ({@link ThreadRandom}), not from
 * {@link UUID#randomUUID()}'s one lock for the whole JVM. Axon's {@link IdentifierFactory} (named in
 * {@code META-INF/services}, which Axon reads when it first needs one: every command and event message's id), request
 * ids and key ids. Resource ids are time-ordered instead ({@link TimeOrderedUuids}).
 */
public final class RandomUuids extends IdentifierFactory {

    /** A random version 4 UUID (RFC 9562, section 5.4). */
    public static UUID next() {
        byte[] b = new byte[16];
        ThreadRandom.current().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // variant 10
        ByteBuffer bits = ByteBuffer.wrap(b);
        return new UUID(bits.getLong(), bits.getLong());
    }

    @Override
    public String generateIdentifier() {
        return next().toString();
    }
}
