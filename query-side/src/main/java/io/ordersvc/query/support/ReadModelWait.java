package io.ordersvc.query.support;

import io.ordersvc.shared.identity.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Read-your-writes, bounded: {@code min_version} waits (5 s by default) until a read model row reaches the version
 * a client wrote. Polls the row's version column with a growing pause; works the same when the command side is
 * another JVM.
 * <p>
 * A wait holds a request thread, so waiting is rationed: a row that exists but is not the caller's is answered at
 * once (its 404, without waiting), and at most {@code orders.min-version-waiters} requests wait at once in all
 * (default 32) and {@code orders.min-version-waiters-per-caller} per caller (default 4). Beyond either, the answer
 * is 429 {@code TOO_MANY_REQUESTS} with {@code Retry-After: 1}, so a flood of waits on unknown ids cannot take the
 * threads that health checks and other callers need.
 */
@Component
public class ReadModelWait {

    private final Duration limit;
    private final Semaphore all;
    private final int perCaller;
    private final ConcurrentHashMap<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

    public ReadModelWait(@Value("${orders.min-version-wait:5s}") Duration limit,
                         @Value("${orders.min-version-waiters:32}") int waiters,
                         @Value("${orders.min-version-waiters-per-caller:4}") int perCaller) {
        this.limit = limit;
        this.all = new Semaphore(waiters);
        this.perCaller = perCaller;
    }

    /**
     * The query's answer once the row has reached minVersion, or when the wait ran out (then marked with
     * {@link StaleHeader#NAME}). The query decides visibility: it throws the resource's 404 for a row that is not
     * the caller's, and that happens before any waiting.
     */
    public <T> ResponseEntity<T> read(Actor caller, Long minVersion, Supplier<Optional<Long>> version,
                                      Supplier<T> query) {
        if (minVersion == null) {
            return StaleHeader.respond(query.get(), true);
        }
        Optional<Long> now = version.get();
        if (now.isPresent()) {
            T answer = query.get(); // the caller's, or their 404 at once
            if (now.get() >= minVersion) {
                return StaleHeader.respond(answer, true);
            }
        }
        boolean reached = await(caller, version, minVersion);
        return StaleHeader.respond(query.get(), reached);
    }

    private boolean await(Actor caller, Supplier<Optional<Long>> currentVersion, long minVersion) {
        String key = caller.role() + ":" + caller.id();
        AtomicInteger mine = waiting.computeIfAbsent(key, k -> new AtomicInteger());
        if (mine.incrementAndGet() > perCaller) {
            release(key, mine);
            throw tooMany("You already have " + perCaller + " reads waiting for min_version; retry shortly");
        }
        if (!all.tryAcquire()) {
            release(key, mine);
            throw tooMany("Too many reads are waiting for min_version; retry shortly");
        }
        try {
            return poll(currentVersion, minVersion);
        } finally {
            all.release();
            release(key, mine);
        }
    }

    private void release(String key, AtomicInteger mine) {
        if (mine.decrementAndGet() <= 0) {
            waiting.remove(key, mine);
        }
    }

    private boolean poll(Supplier<Optional<Long>> currentVersion, long minVersion) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = 5;
        while (true) {
            Optional<Long> version = currentVersion.get();
            if (version.isPresent() && version.get() >= minVersion) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private static ErrorResponseException tooMany(String detail) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
        var refusal = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return refusal;
    }
}
