package io.ordersvc.query.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A table's rows in memory, in the order they were inserted: what a projection writes when it folds a few events
 * for one answer rather than for the read model (time travel, an archived order's detail). Not thread-safe; one
 * fold, one instance.
 */
public final class MemoryRows<R> implements Rows<R> {

    private final Function<R, String> key;
    private final Map<String, R> rows = new LinkedHashMap<>();

    public MemoryRows(Function<R, String> key) {
        this.key = key;
    }

    /** Rows of a row class, keyed as its table is ({@link RowClass}). */
    public static <R> MemoryRows<R> of(Class<R> rowType) {
        return new MemoryRows<>(RowClass.mapping(rowType).key());
    }

    @Override
    public Optional<R> find(String k) {
        return Optional.ofNullable(rows.get(k));
    }

    @Override
    public void insert(R row) {
        rows.putIfAbsent(key.apply(row), row);
    }

    @Override
    public void changed(R row) {
        // the row is this map's own object: nothing to write back
    }

    @Override
    public void deleteAll() {
        rows.clear();
    }

    /** Every row, in the order inserted. */
    public List<R> all() {
        return new ArrayList<>(rows.values());
    }
}
