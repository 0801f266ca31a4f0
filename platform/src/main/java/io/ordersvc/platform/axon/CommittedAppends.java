package io.ordersvc.platform.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The highest position the events of a unit of work took, as its transaction's commit told it
 * ({@link CommandTransactions}: each append returns its positions with the commit request), kept with the unit of
 * work for the wake-up of this instance's processors after the commit ({@link EventArrivals}). Unknown when any
 * append of the unit of work did not tell its positions, or when nothing was recorded (not PostgreSQL, or a
 * transaction of another kind): the wake-up then names no position.
 */
final class CommittedAppends {

    private static final String KEY = CommittedAppends.class.getName();

    private CommittedAppends() {
    }

    /**
     * The current unit of work's transaction committed appends up to {@code position} (or
     * {@link DeferredWrites.Closed#UNKNOWN}).
     */
    static void record(long position) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().merge(KEY, position,
                    (a, b) -> DeferredWrites.Closed.highest((long) a, (long) b));
        }
    }

    /** The highest position the events of {@code unitOfWork} took; 0 when that is not known. */
    static long of(UnitOfWork<?> unitOfWork) {
        Object position = unitOfWork.root().resources().get(KEY);
        return position instanceof Long p && p > 0 ? p : 0;
    }
}
