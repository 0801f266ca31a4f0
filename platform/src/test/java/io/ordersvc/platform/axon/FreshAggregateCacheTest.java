package io.ordersvc.platform.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    final List<List<String>> asked = new ArrayList<>();
    boolean storeDown;
    final FreshAggregateCache cache = new FreshAggregateCache(storage, ids -> {
        if (storeDown) {
            throw new IllegalStateException("the database went away");
        }
        asked.add(List.copyOf(ids));
        java.util.Map<String, Long> last = new java.util.HashMap<>();
        ids.forEach(id -> storage.lastSequenceNumberFor(id).ifPresent(n -> last.put(id, n)));
        return last;
    }, 2);
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

    void appendedByAnotherInstance(String id, long sequence) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(new GenericDomainEventMessage<>("Counter", id, sequence, new Counted(id)));
        uow.commit();
    }

    @Test
    void a_unit_of_work_that_only_read_an_aggregate_another_instance_changed_fails_and_the_retry_loads_afresh() {
        create("c1");
        Counter cached = load("c1");
        appendedByAnotherInstance("c1", 1); // this instance's cache still holds version 0

        DefaultUnitOfWork<?> reading = DefaultUnitOfWork.startAndGet(null);
        Counter served = repository.load("c1").invoke(c -> c);
        assertThat(served).as("served from memory").isSameAs(cached);
        assertThatThrownBy(reading::commit).as("checked before the commit").isInstanceOf(ConcurrencyException.class);
        Counter reloaded = load("c1");
        assertThat(reloaded).isNotSameAs(cached);
        assertThat(reloaded.count).isEqualTo(2);
    }

    @Test
    void what_a_unit_of_work_only_read_is_checked_in_one_question_and_a_stale_one_among_it_fails_the_commit() {
        create("c1");
        create("c2");
        load("c1");
        load("c2");
        asked.clear();
        DefaultUnitOfWork<?> both = DefaultUnitOfWork.startAndGet(null);
        repository.load("c1");
        repository.load("c2");
        both.commit();
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactlyInAnyOrder("c1", "c2");

        appendedByAnotherInstance("c2", 1);
        asked.clear();
        DefaultUnitOfWork<?> again = DefaultUnitOfWork.startAndGet(null);
        repository.load("c1");
        repository.load("c2");
        assertThatThrownBy(again::commit).isInstanceOf(ConcurrencyException.class);
        assertThat(asked).hasSize(1);
        assertThat(load("c2").count).isEqualTo(2);
    }

    @Test
    void outside_a_unit_of_work_a_stale_entry_is_never_served() {
        create("c1");
        load("c1");
        appendedByAnotherInstance("c1", 1);

        assertThat((Object) cache.get("c1")).isNull();
    }

    @Test
    void a_refusal_decided_on_a_stale_aggregate_becomes_a_retry_and_one_on_fresh_state_stays_a_refusal() {
        create("c1");
        load("c1");
        appendedByAnotherInstance("c1", 1);
        StaleRefusals interceptor = new StaleRefusals();
        IllegalStateException refusal = new IllegalStateException("NOT_SHIPPABLE");

        assertThatThrownBy(() -> refusedIn(interceptor, refusal)).isInstanceOf(ConcurrencyException.class)
                .hasNoCause().satisfies(e -> assertThat(e.getSuppressed()).containsExactly(refusal));
        assertThatThrownBy(() -> refusedIn(interceptor, refusal)).as("loaded afresh: the refusal stands")
                .isSameAs(refusal);
    }

    @Test
    void a_failure_whose_freshness_cannot_be_checked_is_answered_as_it_is() {
        create("c1");
        load("c1");
        storeDown = true;
        IllegalStateException failure = new IllegalStateException("connection lost");

        assertThatThrownBy(() -> refusedIn(new StaleRefusals(), failure)).isSameAs(failure)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessage("the database went away")));
    }

    /** Runs a command handler that loads c1 and refuses, through the interceptor, in a unit of work. */
    Object refusedIn(StaleRefusals interceptor, Exception refusal) throws Exception {
        var uow = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("refuse"));
        try {
            return interceptor.handle(uow, () -> {
                repository.load("c1").invoke(c -> c);
                throw refusal;
            });
        } finally {
            uow.rollback();
        }
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
