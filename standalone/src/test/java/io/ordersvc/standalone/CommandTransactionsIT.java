package io.ordersvc.standalone;

import io.ordersvc.platform.axon.DeferredWrites;
import io.ordersvc.platform.axon.JdbcTransactions;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A command's appended events go to PostgreSQL with its commit (CommandTransactions): stored exactly as Axon would
 * have, read back within the transaction, and a concurrent append to the same aggregate still fails as Axon's own
 * append did.
 */
class CommandTransactionsIT extends IntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventStorageEngine engine;

    JdbcTransactions commands;
    final String aggregate = "command-tx-" + UUID.randomUUID();

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "appends are deferred on PostgreSQL only");
        commands = JdbcTransactions.commands(dataSource, transactions);
        jdbc.execute("CREATE TABLE IF NOT EXISTS command_commit_probe (id text PRIMARY KEY)");
    }

    private DomainEventMessage<?> event(long sequence) {
        return new GenericDomainEventMessage<>("Probe", aggregate, sequence, Map.of("n", sequence),
                MetaData.with("correlationId", "c-" + sequence));
    }

    private long stored() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregate);
    }

    private long probes() {
        return jdbc.queryForObject("SELECT count(*) FROM command_commit_probe WHERE id = ?", Long.class, aggregate);
    }

    @Test
    void appends_wait_for_the_commit_and_are_stored_as_axon_stores_them() {
        List<DomainEventMessage<?>> events = List.of(event(0), event(1), event(2));
        Transaction command = commands.startTransaction();
        engine.appendEvents(events.get(0), events.get(1));
        engine.appendEvents(List.of(events.get(2)));
        long seenBeforeCommit = stored(); // the command's own connection: nothing sent yet
        command.commit();

        assertThat(seenBeforeCommit).isZero();
        assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY global_index", Long.class, aggregate)).containsExactly(0L, 1L, 2L);
        var read = engine.readEvents(aggregate).asStream().toList();
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(read.get(1).getPayload()).isEqualTo(Map.of("n", 1));
        assertThat(read.get(1).getMetaData()).containsEntry("correlationId", "c-1");
        assertThat(read).extracting(DomainEventMessage::getIdentifier)
                .containsExactlyElementsOf(events.stream().map(DomainEventMessage::getIdentifier).toList());
        assertThat(read.get(1).getType()).isEqualTo("Probe");

        String plain = aggregate + "-plain"; // the same events appended by Axon itself, outside a transaction
        engine.appendEvents(events.stream().<DomainEventMessage<?>>map(e -> new GenericDomainEventMessage<>(
                e.getType(), plain, e.getSequenceNumber(), e.getPayload(), e.getMetaData(),
                UUID.randomUUID().toString(), e.getTimestamp())).toList());
        String columns = "SELECT type, sequence_number, time_stamp, payload_type, payload_revision, payload, meta_data"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number";
        var deferredRows = jdbc.queryForList(columns, aggregate);
        var plainRows = jdbc.queryForList(columns, plain);
        assertThat(deferredRows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            for (String column : deferredRows.get(i).keySet()) {
                assertThat(deferredRows.get(i).get(column)).as(column).isEqualTo(plainRows.get(i).get(column));
            }
        }
    }

    @Test
    void a_read_in_the_transaction_sees_what_it_appended() {
        Transaction command = commands.startTransaction();
        engine.appendEvents(event(0));
        var seen = engine.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber).toList();
        long last = engine.lastSequenceNumberFor(aggregate).orElse(-1L);
        engine.appendEvents(event(1));
        command.commit();

        assertThat(seen).containsExactly(0L);
        assertThat(last).isZero();
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void an_append_that_collides_at_the_commit_is_a_concurrency_conflict_and_undoes_the_transaction() {
        Transaction first = commands.startTransaction();
        engine.appendEvents(event(0), event(1));
        first.commit();

        Transaction late = commands.startTransaction();
        jdbc.update("INSERT INTO command_commit_probe (id) VALUES (?)", aggregate);
        engine.appendEvents(event(1)); // decided on a stale aggregate: sequence 1 is taken
        assertThatThrownBy(late::commit).isInstanceOf(ConcurrencyException.class);

        assertThat(probes()).as("the transaction's other writes are undone").isZero();
        assertThat(stored()).isEqualTo(2);
        Transaction retry = commands.startTransaction();
        engine.appendEvents(event(2));
        retry.commit();
        assertThat(stored()).isEqualTo(3);
    }

    private void probeWithCommand() {
        DeferredWrites.writeWithCommand(jdbc, "INSERT INTO command_commit_probe (id) VALUES (?)", 1,
                (ps, c, first) -> ps.setString(first, aggregate));
    }

    @Test
    void a_handlers_own_write_goes_with_the_commit() {
        Transaction command = commands.startTransaction();
        engine.appendEvents(event(0));
        probeWithCommand();
        long seenBeforeCommit = probes(); // the command's own connection: nothing sent yet
        command.commit();

        assertThat(seenBeforeCommit).isZero();
        assertThat(probes()).isOne();
        assertThat(stored()).isOne();
    }

    @Test
    void a_read_of_the_store_in_the_transaction_sends_a_handlers_write_first() {
        Transaction command = commands.startTransaction();
        probeWithCommand();
        engine.readEvents(aggregate).asStream().toList();
        long seenAfterTheRead = probes();
        command.rollback();

        assertThat(seenAfterTheRead).isOne();
        assertThat(probes()).as("rolled back with the transaction").isZero();
    }

    @Test
    void a_handlers_write_that_fails_at_the_commit_is_no_conflict_and_undoes_the_appends() {
        jdbc.update("INSERT INTO command_commit_probe (id) VALUES (?)", aggregate);
        Transaction command = commands.startTransaction();
        engine.appendEvents(event(0));
        probeWithCommand(); // the key is taken: a unique violation, on another table than the events'
        assertThatThrownBy(command::commit).isNotInstanceOf(ConcurrencyException.class)
                .isInstanceOf(RuntimeException.class);

        assertThat(stored()).as("the appends are undone").isZero();
        assertThat(probes()).isOne();
    }

    @Test
    void creating_an_aggregate_whose_stream_exists_fails_as_axon_says() {
        Transaction first = commands.startTransaction();
        engine.appendEvents(event(0));
        first.commit();

        Transaction again = commands.startTransaction();
        engine.appendEvents(event(0));
        assertThatThrownBy(again::commit).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(stored()).isEqualTo(1);
    }

    /**
     * The store keeps no index on event_identifier (platform V8): an event appended again, by a command or outside
     * any aggregate, is refused by its aggregate and sequence, and stored once.
     */
    @Test
    void the_same_event_appended_again_is_refused_by_its_aggregate_and_sequence() {
        DomainEventMessage<?> once = event(0);
        Transaction first = commands.startTransaction();
        engine.appendEvents(once);
        first.commit();
        Transaction again = commands.startTransaction();
        engine.appendEvents(once);
        assertThatThrownBy(again::commit).isInstanceOfAny(ConcurrencyException.class,
                AggregateStreamCreationException.class);

        EventMessage<?> plain = GenericEventMessage.asEventMessage(Map.of("outside", aggregate));
        engine.appendEvents(plain);
        assertThatThrownBy(() -> engine.appendEvents(plain)).isInstanceOfAny(ConcurrencyException.class,
                AggregateStreamCreationException.class);

        assertThat(stored()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, plain.getIdentifier())).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = 'domain_event_entry'",
                String.class)).hasSize(2).noneMatch(index -> index.contains("(event_identifier)"));
    }

    @Test
    void of_two_commands_appending_the_same_next_event_at_once_one_lands_and_the_other_conflicts() throws Exception {
        Transaction first = commands.startTransaction();
        engine.appendEvents(event(0));
        first.commit();

        CyclicBarrier together = new CyclicBarrier(2);
        Callable<String> append = () -> {
            Transaction command = commands.startTransaction();
            engine.appendEvents(event(1));
            together.await(10, TimeUnit.SECONDS);
            try {
                command.commit();
                return "landed";
            } catch (ConcurrencyException conflict) {
                return "conflict";
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = two.submit(append);
            Future<String> b = two.submit(append);
            assertThat(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("landed", "conflict");
        } finally {
            two.shutdownNow();
        }
        assertThat(stored()).isEqualTo(2);
    }
}
