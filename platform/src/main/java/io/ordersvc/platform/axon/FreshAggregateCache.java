package io.ordersvc.platform.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bounded cache of event-sourced aggregates that never lets a command decide on an aggregate the event store
 * holds something newer for. Axon's plain cache trusts itself: with several instances on one database, one instance
 * kept deciding on an order another had already changed, and a refusal appends nothing, so nothing ever corrected it.
 * <p>
 * Inside a unit of work a hit is served at once and checked only where it has to be:
 * <ul>
 * <li>an aggregate the unit of work appends to is checked by the event table's unique key: a stale one's append
 * collides, the unit of work rolls back (which drops the entry) and the command is retried on fresh state;</li>
 * <li>one it only read is checked before the commit with one indexed query for its last sequence number; if the
 * store moved on, the entry is dropped and the unit of work fails as a concurrent modification (retried);</li>
 * <li>a command that failed is checked the same way by {@link StaleRefusals}: a refusal decided on a stale aggregate
 * becomes a retry instead of an answer.</li>
 * </ul>
 * The checks before a commit are one query for all the aggregates the unit of work only read: an event processor's
 * batch that reads a hundred orders asks once ({@link LastSequenceNumbers}).
 * Outside a unit of work every hit is checked first. Before, every hit cost the query; now a command that appends,
 * most of them, costs none (bench/README.md, session 7). A miss loads from the snapshot and events as without a
 * cache: up to a hundred events for a popular product, which every order placement loads.
 */
public final class FreshAggregateCache implements Cache {

    private record Entry(Object value, Long version) {
    }

    /** The last sequence number of each aggregate named that has events, read in the caller's transaction. */
    @FunctionalInterface
    public interface LastSequenceNumbers {
        Map<String, Long> of(java.util.Collection<String> aggregateIds);
    }

    /** Unit-of-work resource: the entries each cache served in it unchecked. */
    private static final String SERVED = FreshAggregateCache.class.getName() + ".served";

    private final EventStorageEngine storage;
    private final LastSequenceNumbers lastSequenceNumbers;
    private final Map<Object, Entry> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** The key the last put pushed out; written and read under the map's lock. */
    private Object evicted;

    public FreshAggregateCache(EventStorageEngine storage, LastSequenceNumbers lastSequenceNumbers, int capacity) {
        this.storage = storage;
        this.lastSequenceNumbers = lastSequenceNumbers;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                if (size() > capacity) {
                    evicted = eldest.getKey();
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            return null;
        }
        if (CurrentUnitOfWork.isStarted()) {
            served(CurrentUnitOfWork.get().root()).computeIfAbsent(this, c -> new HashMap<>()).put(key, entry);
        } else if (stale(key, entry)) {
            remove(key);
            return null;
        }
        notify(l -> l.onEntryRead(key, entry.value()));
        return (V) entry.value();
    }

    private boolean stale(Object key, Entry entry) {
        return !Objects.equals(storage.lastSequenceNumberFor(key.toString()).orElse(null), entry.version());
    }

    /** What the caches served the unit of work unchecked; before it commits, what it only read is checked. */
    private static Map<FreshAggregateCache, Map<Object, Entry>> served(UnitOfWork<?> root) {
        return root.getOrComputeResource(SERVED, k -> {
            Map<FreshAggregateCache, Map<Object, Entry>> served = new HashMap<>();
            root.onPrepareCommit(u -> {
                if (dropStale(served, false)) {
                    throw new ConcurrencyException("An aggregate this command read was changed by another instance");
                }
            });
            return served;
        });
    }

    /**
     * Checks the entries the unit of work was served unchecked (with {@code alsoAppended}, those it appended to as
     * well: a failed command's appends are gone), drops the stale ones and says whether there were any.
     */
    static boolean dropStale(UnitOfWork<?> unitOfWork, boolean alsoAppended) {
        Map<FreshAggregateCache, Map<Object, Entry>> served = unitOfWork.root().getResource(SERVED);
        return served != null && dropStale(served, alsoAppended);
    }

    private static boolean dropStale(Map<FreshAggregateCache, Map<Object, Entry>> served, boolean alsoAppended) {
        boolean any = false;
        for (var cache : served.entrySet()) {
            Map<String, Entry> toCheck = new HashMap<>();
            Map<String, Object> keys = new HashMap<>();
            for (var e : cache.getValue().entrySet()) {
                Entry entry = e.getValue();
                boolean appended = !Objects.equals(versionOf(entry.value()), entry.version());
                if (alsoAppended || !appended) {
                    toCheck.put(e.getKey().toString(), entry);
                    keys.put(e.getKey().toString(), e.getKey());
                }
            }
            if (toCheck.isEmpty()) {
                continue;
            }
            Map<String, Long> last = cache.getKey().lastSequenceNumbers.of(toCheck.keySet());
            for (var e : toCheck.entrySet()) {
                if (!Objects.equals(last.get(e.getKey()), e.getValue().version())) {
                    cache.getKey().remove(keys.get(e.getKey()));
                    any = true;
                }
            }
        }
        return any;
    }

    @Override
    public void put(Object key, Object value) {
        store(key, value, false);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return store(key, value, true);
    }

    /** Puts under the one lock, then tells the listeners (outside it): created or updated, and what was pushed out. */
    private boolean store(Object key, Object value, boolean onlyIfAbsent) {
        Entry entry = new Entry(value, versionOf(value));
        Entry previous;
        Object pushedOut;
        synchronized (entries) {
            if (onlyIfAbsent && entries.containsKey(key)) {
                return false;
            }
            evicted = null;
            previous = entries.put(key, entry);
            pushedOut = evicted;
        }
        if (previous == null) {
            notify(l -> l.onEntryCreated(key, value));
        } else {
            notify(l -> l.onEntryUpdated(key, value));
        }
        if (pushedOut != null) {
            notify(l -> l.onEntryExpired(pushedOut));
        }
        return true;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            notify(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        List<Object> keys;
        synchronized (entries) {
            keys = new ArrayList<>(entries.keySet());
            entries.clear();
        }
        keys.forEach(k -> notify(l -> l.onEntryRemoved(k)));
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void notify(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }

    /** The aggregate's version as cached: an in-memory entry hands back its live aggregate without using the model. */
    private static Long versionOf(Object value) {
        if (value instanceof AggregateCacheEntry<?> entry) {
            return entry.recreateAggregate(null, null, null).version();
        }
        throw new IllegalArgumentException("caches aggregates only, not " + value.getClass().getName());
    }
}
