package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A token store that extends a segment's claim only when it needs extending. A tracking processor with nothing to do
 * extends the claims of its segments after every wait for events ({@code eventAvailabilityTimeout}: Axon's default a
 * second, here {@code orders.event-idle-wait}, 200 ms, see SteadyInvokers.Module), each time in a transaction
 * that locks and updates the token row: with six segments that was most of the 32 statements per second an idle
 * service asked PostgreSQL (bench/README.md, session 19). A claim only has to be renewed before it times out, so an
 * extension within a third of the claim timeout of this instance's last claim or extension of that segment is
 * skipped; the claim is then never older than a third of the timeout plus one idle wait, and no other instance can
 * take it over. Everything else goes to the store as it is.
 */
public final class SparingClaims implements TokenStore {

    private final TokenStore store;
    private final long renewAfterNanos;
    private final LongSupplier nanoTime;
    /** When this instance last claimed or extended each claim it holds ("processor/segment"), by {@code nanoTime}. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    /**
     * @param claimTimeout the store's claim timeout: claims are renewed after a third of it
     * @param nanoTime     the monotonic time ({@code System::nanoTime}; tests drive it)
     */
    public SparingClaims(TokenStore store, Duration claimTimeout, LongSupplier nanoTime) {
        this.store = store;
        this.renewAfterNanos = claimTimeout.toNanos() / 3;
        this.nanoTime = nanoTime;
    }

    private static String claim(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    /** Runs a write of the claim; on success it counts as renewed now, on failure it is forgotten. */
    private <T> T renewing(String processorName, int segment, Supplier<T> write) {
        String claim = claim(processorName, segment);
        try {
            T result = write.get();
            written.put(claim, nanoTime.getAsLong());
            return result;
        } catch (RuntimeException e) {
            written.remove(claim);
            throw e;
        }
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Long last = written.get(claim(processorName, segment));
        if (last != null && nanoTime.getAsLong() - last < renewAfterNanos) {
            return;
        }
        renewing(processorName, segment, () -> {
            store.extendClaim(processorName, segment);
            return null;
        });
    }

    /**
     * Not counted as a renewal: a batch stores its token in the batch's own transaction, which may still roll back
     * (the processor then releases the claim, and a released claim is forgotten here).
     */
    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        store.storeToken(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return renewing(processorName, segment, () -> store.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        return renewing(processorName, segment.getSegmentId(), () -> store.fetchToken(processorName, segment));
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        written.remove(claim(processorName, segment));
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        written.remove(claim(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}
