package io.ordersvc.query.support;

import java.util.Optional;

/**
 * The rows of one read-model table as a projection's handlers see them: look one up by key, insert a new one, say
 * that one changed, or empty the table. {@link BatchTable} keeps them in PostgreSQL; {@link MemoryRows} keeps them
 * in memory, for folding one aggregate's events through the very same handlers (an order as it was at an instant).
 */
public interface Rows<R> {

    Optional<R> find(String key);

    void insert(R row);

    /** The row (found before) was changed. */
    void changed(R row);

    /** Empties the table: a projection's reset. */
    void deleteAll();
}
