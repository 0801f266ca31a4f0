package io.ordersvc.platform.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bounded cache of event-sourced aggregates that serves an aggregate only while the event store holds nothing
 * newer for it. Axon's plain cache trusts itself: with several instances on one database, one instance kept deciding
 * on an order another had already changed, and a refusal appends nothing, so nothing ever corrected it. Here every
 * hit costs one indexed query for the aggregate's last sequence number; when it differs from the cached version the
 * entry is dropped and the aggregate loads from its snapshot and events as without a cache. That query replaces
 * reading and deserializing the events since the last snapshot: up to a hundred for a popular product, which every
 * order placement loads. Two appends racing past the check still meet the event table's unique key; the loser rolls
 * back, which removes its entry, and its retry loads afresh.
 */
public final class FreshAggregateCache implements Cache {

    private record Entry(Object value, Long version) {
    }

    private final EventStorageEngine storage;
    private final Map<Object, Entry> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** The key the last put pushed out; written and read under the map's lock. */
    private Object evicted;

    public FreshAggregateCache(EventStorageEngine storage, int capacity) {
        this.storage = storage;
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
        Long stored = storage.lastSequenceNumberFor(key.toString()).orElse(null);
        if (!Objects.equals(stored, entry.version())) {
            remove(key);
            return null;
        }
        notify(l -> l.onEntryRead(key, entry.value()));
        return (V) entry.value();
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
