package io.ordersvc.query.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read-your-writes: waits, bounded (5 s by default), until a read model row reaches the version a client wrote.
 * Polls the row's version column with a growing pause; works the same when the command side is another JVM.
 */
@Component
public class ReadModelWait {

    private final Duration limit;

    public ReadModelWait(@Value("${orders.min-version-wait:5s}") Duration limit) {
        this.limit = limit;
    }

    /** @return true when the version was reached, false when the wait ran out (the answer is then stale). */
    public boolean awaitVersion(Supplier<Optional<Long>> currentVersion, Long minVersion) {
        if (minVersion == null) {
            return true;
        }
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
}
