package io.ordersvc.platform.axon;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreshAggregateCacheTest {

    record Counted(String id) {
    }

    static class Counter {
        @AggregateIdentifier
        String id;
        int count;

        Counter() {
        }

        @EventSourcingHandler
        void on(Counted e) {
            id = e.id();
            count++;
        }
    }

    final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage)
            .optimizeEventConsumption(false).build();
    final FreshAggregateCache cache = new FreshAggregateCache(storage, 2);
    final EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class)
            .eventStore(store).cache(cache).build();

    interface Work<R> {
        R apply(EventSourcingRepository<Counter> repository) throws Exception;
    }

    <R> R inUnitOfWork(Work<R> work) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            R result = work.apply(repository);
            uow.commit();
            return result;
        } catch (Exception e) {
            uow.rollback(e);
            throw new IllegalStateException(e);
        }
    }

    void create(String id) {
        inUnitOfWork(r -> r.newInstance(() -> {
            AggregateLifecycle.apply(new Counted(id));
            return new Counter();
        }));
    }

    Counter load(String id) {
        return inUnitOfWork(r -> r.load(id).invoke(c -> c));
    }

    @Test
    void an_aggregate_nobody_else_changed_is_served_from_memory() {
        create("c1");
        Counter first = load("c1");
        Counter second = load("c1");

        assertThat(second).isSameAs(first);
        assertThat(second.count).isEqualTo(1);
    }

    @Test
    void an_event_appended_by_another_instance_makes_the_cached_aggregate_load_afresh() {
        create("c1");
        Counter cached = load("c1");

        // Another instance appends the next event; this instance's cache still holds version 0.
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(new GenericDomainEventMessage<>("Counter", "c1", 1, new Counted("c1")));
        uow.commit();

        Counter reloaded = load("c1");
        assertThat(reloaded).isNotSameAs(cached);
        assertThat(reloaded.count).isEqualTo(2);
    }

    @Test
    void the_cache_keeps_its_bound_and_tells_its_listeners_what_it_pushed_out() {
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new org.axonframework.common.caching.Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        create("c1");
        create("c2");
        create("c3");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(expired).containsExactly("c1");
        assertThat(load("c1").count).isEqualTo(1);
    }
}
