package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One read of the event store for every stream that asks for the same one. Each processor (each segment of one)
 * reads the store on its own, and the caught-up ones are woken by the same arrival: the order projection's two
 * segments after the same short linger, the stock, due-date and webhook processors after the same longer one. They
 * then ask for the same events from the same token, at the same moment: two and three identical queries.
 * <p>
 * A stream that asks while another stream's read from the same token (and batch size) is under way waits for that
 * read and takes its result. A read that found events is also handed to a stream that asks for it within
 * {@code keep} of its start. Either way the stream takes the read's start as its own ({@link EventArrivals.ReadGate}):
 * an append the read could not see was signalled after that start, so the stream reads again, as if it had made that
 * read itself. A result is the same as its own read would have been a moment earlier: the events then visible after
 * the token, with the gaps then open. A read that failed is not shared: each stream that waited for it reads itself.
 */
final class SharedReads {

    private record Key(TrackingToken from, int batchSize) {
    }

    private record Read(List<TrackedEventData<?>> events, EventArrivals.Start start) {
    }

    private final ConcurrentHashMap<Key, CompletableFuture<Read>> reads = new ConcurrentHashMap<>();
    private final long keepNanos;

    SharedReads(Duration keep) {
        this.keepNanos = keep.toNanos();
    }

    /** The events after {@code from}: read by {@code storage}, or taken from another stream's read. */
    List<? extends TrackedEventData<?>> read(TrackingToken from, int batchSize, EventArrivals.ReadGate gate,
                                              Supplier<List<? extends TrackedEventData<?>>> storage) {
        Key key = new Key(from, batchSize);
        while (true) {
            CompletableFuture<Read> mine = new CompletableFuture<>();
            CompletableFuture<Read> theirs = reads.putIfAbsent(key, mine);
            if (theirs == null) {
                return lead(key, mine, gate, storage);
            }
            Read read;
            try {
                read = theirs.join();
            } catch (CompletionException | CancellationException failed) {
                reads.remove(key, theirs);
                continue; // the failure is the reading stream's to deal with; this one reads itself
            }
            if (System.nanoTime() - read.start().at() > keepNanos) {
                reads.remove(key, theirs);
                continue;
            }
            gate.read(read.start(), highest(read.events()));
            return read.events();
        }
    }

    private List<? extends TrackedEventData<?>> lead(Key key, CompletableFuture<Read> mine, EventArrivals.ReadGate gate,
                                                     Supplier<List<? extends TrackedEventData<?>>> storage) {
        EventArrivals.Start start = gate.reading();
        List<TrackedEventData<?>> events;
        try {
            events = List.copyOf(storage.get());
        } catch (RuntimeException | Error failed) {
            reads.remove(key, mine);
            mine.completeExceptionally(failed);
            throw failed;
        }
        if (events.isEmpty()) {
            reads.remove(key, mine); // the streams waiting for it take it; later ones read again
        }
        mine.complete(new Read(events, start));
        forgetOld(start.at());
        gate.read(start, highest(events));
        return events;
    }

    /** The highest position a read found (0 when its token tells none), or {@link EventArrivals.ReadGate#NOTHING}. */
    private static long highest(List<TrackedEventData<?>> events) {
        if (events.isEmpty()) {
            return EventArrivals.ReadGate.NOTHING;
        }
        TrackingToken last = events.get(events.size() - 1).trackingToken();
        return last == null ? 0 : last.position().orElse(0);
    }

    /** Reads older than {@code keep}: no stream takes them any more. */
    private void forgetOld(long now) {
        reads.values().removeIf(read -> read.isDone() && !read.isCompletedExceptionally()
                && now - read.join().start().at() > keepNanos);
    }

    /** Reads held for streams that may ask for them (for tests). */
    int held() {
        return reads.size();
    }
}
