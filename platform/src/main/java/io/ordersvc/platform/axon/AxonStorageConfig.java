package io.ordersvc.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Axon's JDBC storage on tables that Flyway owns (see db/platform/common/V1__axon_storage.sql): snake_case names,
 * {@code bytea} payloads (never large objects) and an identity {@code global_index} that allocates one value at a
 * time. Axon's JPA auto-configuration is excluded in application.yml, so Hibernate only sees the read models.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfig {

    public static final String EVENT_TABLE = "domain_event_entry";
    /** The system property Axon's EmbeddedEventStore builder takes its read-ahead default from. */
    static final String OPTIMIZE_EVENT_CONSUMPTION = "optimize-event-consumption";

    /**
     * Each event processor reads its own stream from the database. The embedded event store's shared read-ahead
     * cache keeps every event alive behind a processor that lags (AxonFramework#2954): following a million-event
     * import live, the query side ran out of a 1 GB heap. Set here, before any bean is created, so every flavour
     * and every test context gets it; an explicit -Doptimize-event-consumption still wins.
     */
    @Bean
    static BeanFactoryPostProcessor processorsReadTheirOwnStreams() {
        return beanFactory -> {
            if (System.getProperty(OPTIMIZE_EVENT_CONSUMPTION) == null) {
                System.setProperty(OPTIMIZE_EVENT_CONSUMPTION, "false");
            }
            // No advertisement for AxonIQ Console at every start, and no update check calling out to the internet.
            System.setProperty("disable-axoniq-console-message", "true");
            System.setProperty("axoniq.update-checker.disabled", "true");
        };
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** The freshness check of cached aggregates a unit of work only read (FreshAggregateCache). */
    @Bean
    FreshAggregateCache.LastSequenceNumbers lastSequenceNumbers(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new StoredSequenceNumbers(jdbc);
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, with one change: it opens no transaction of its own.
     * Every read a caught-up processor makes (and they make several per appended event, most of them empty) was
     * BEGIN, SELECT, COMMIT through a JPA transaction with its EntityManager; now it is one auto-committed SELECT.
     * Appends, snapshots and a command's aggregate loads still run in the caller's transaction: the connection
     * provider hands out the unit of work's (Spring's) connection whenever there is one.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver resolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, EventSchema eventSchema,
                                          javax.sql.DataSource dataSource) {
        return new GatedEngine(dataSource, JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(resolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(eventSchema));
    }

    /**
     * The JDBC engine, but a streaming processor's read that can find nothing new is left out (EventArrivals.ReadGate
     * says when): what the stream is then told is what the read would have found, no events. And the streams that
     * ask for the same read at once share it ({@link SharedReads}).
     * <p>
     * In a command's transaction on PostgreSQL ({@link CommandTransactions}) an append waits for the commit and goes
     * with it ({@link DeferredWrites}): Axon's own statement, recorded with the values it set. A read of
     * an aggregate's events or snapshot in that transaction (a nested command's load) sends what waits first.
     */
    static final class GatedEngine extends JdbcEventStorageEngine {

        /**
         * How long a read that found events is handed on to streams asking for the same one. The streams that share
         * reads are woken by the same arrival and linger as long: they ask within a few milliseconds of each other,
         * or a few tens when the cores are busy.
         */
        static final Duration SHARED_READ_KEEP = Duration.ofMillis(250);

        private final SharedReads shared = new SharedReads(SHARED_READ_KEEP);
        private final javax.sql.DataSource dataSource;

        GatedEngine(javax.sql.DataSource dataSource, JdbcEventStorageEngine.Builder builder) {
            super(builder);
            this.dataSource = dataSource;
        }

        @Override
        protected void appendEvents(java.util.List<? extends org.axonframework.eventhandling.EventMessage<?>> events,
                                    Serializer serializer) {
            if (events.isEmpty()) {
                return;
            }
            // Deferred, the append returns the positions its events took: the commit names the highest to this
            // instance's processors (EventArrivals), who need not wait for the announcement.
            if (!DeferredWrites.deferRecorded(dataSource, DeferredWrites.What.EVENT_APPENDS,
                    () -> RecordedStatement.of(connection -> appendEvents(connection, events, serializer)),
                    sql -> sql + " RETURNING " + schema().globalIndexColumn(), failed -> meaning(failed, events.get(0)),
                    true)) {
                DeferredWrites.unpositioned(dataSource);
                super.appendEvents(events, serializer);
            }
        }

        /**
         * What Axon makes of a failed append of {@code first} and the events after it: a conflict, or not. The request
         * that carried it may carry a command handler's own write too ({@link DeferredWrites#writeWithCommand}): a
         * failure the server names on another table is none of the append's.
         */
        private RuntimeException meaning(SQLException failed, org.axonframework.eventhandling.EventMessage<?> first) {
            if (failed instanceof org.postgresql.util.PSQLException server && server.getServerErrorMessage() != null
                    && server.getServerErrorMessage().getTable() != null
                    && !server.getServerErrorMessage().getTable().equalsIgnoreCase(schema().domainEventTable())) {
                return null;
            }
            try {
                handlePersistenceException(failed, first);
            } catch (RuntimeException meaning) {
                return meaning;
            }
            return null;
        }

        @Override
        protected java.util.List<? extends org.axonframework.eventhandling.DomainEventData<?>> fetchDomainEvents(
                String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
            DeferredWrites.flush(dataSource);
            return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
        }

        @Override
        protected java.util.stream.Stream<? extends org.axonframework.eventhandling.DomainEventData<?>>
        readSnapshotData(String aggregateIdentifier) {
            DeferredWrites.flush(dataSource);
            return super.readSnapshotData(aggregateIdentifier);
        }

        @Override
        public java.util.Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            DeferredWrites.flush(dataSource);
            return super.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        protected java.util.List<? extends org.axonframework.eventhandling.TrackedEventData<?>> fetchTrackedEvents(
                org.axonframework.eventhandling.TrackingToken lastToken, int batchSize) {
            EventArrivals.ReadGate gate = EventArrivals.ReadGate.current();
            if (gate == null) {
                return super.fetchTrackedEvents(lastToken, batchSize);
            }
            if (!gate.mustRead(lastToken)) {
                return java.util.List.of();
            }
            return shared.read(lastToken, batchSize, gate, () -> super.fetchTrackedEvents(lastToken, batchSize));
        }
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * The Jackson 2 mapper Axon serializes events, snapshots and tokens with: readable JSON, ISO instants, and
     * tolerant of fields added to an event later (an old reader must not fail on a newer event).
     * <p>
     * Field names are not canonicalized (nor, with that, interned). A snapshot's maps are keyed by order ids (a
     * member's counted orders, a wallet's points per order), so every snapshot read added thousands of names seen
     * once to Jackson's shared symbol table, rehashed and copied it, and interned each in the JVM's string table:
     * under load that was 79 % of the due-date processor's thread, which records those orders (session 21). An
     * event's few field names cost an allocation each instead.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper(JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Two writers appending the same sequence number to one aggregate must surface as Axon's ConcurrencyException
     * (retried, then 409), not as a generic store failure. Axon's default resolver misses the batch exceptions
     * PostgreSQL and H2 throw, so this one looks for SQL state 23505 (unique violation) through the whole chain.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return AxonStorageConfig::isUniqueViolation;
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Every event records who caused it and under which request. */
    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetaData.ACTOR_ID, AuditMetaData.ACTOR_ROLE,
                AuditMetaData.CORRELATION_ID);
    }
}
