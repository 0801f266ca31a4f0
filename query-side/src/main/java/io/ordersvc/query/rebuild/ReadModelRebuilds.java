package io.ordersvc.query.rebuild;

import io.ordersvc.platform.axon.InstanceId;
import io.ordersvc.platform.ids.RandomUuids;
import io.ordersvc.platform.schema.Databases;
import io.ordersvc.query.support.Fold;
import io.ordersvc.query.support.ReadModelsSwapped;
import io.ordersvc.shared.error.Refusal;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Rebuilds a query-side processor's read models without taking them down (PostgreSQL).
 * <ol>
 * <li><b>Shadow.</b> Empty copies of the processor's tables ({@link ReadModelTables}) in a schema of their own,
 * {@code CREATE TABLE ... (LIKE ... INCLUDING ALL)}: same columns, keys and indexes.</li>
 * <li><b>Replay.</b> The store's events from the start, in batches of {@value #BATCH}, through the processing group's
 * own handler beans, each batch one transaction with {@code SET LOCAL search_path} to the shadow first: the
 * projections write the shadow with the statements they write the live tables with. The rebuild's token (the last
 * event's tracking token, gaps included) is stored in the same transaction, so the shadow and its position never
 * disagree: after kill -9 another instance (or this one, restarted) resumes from it once the heartbeat is stale.</li>
 * <li><b>Swap.</b> Once caught up, one transaction locks the live tables, then the processor's token rows (which
 * holds its batches back), replays what came since, moves the live tables to a retired schema and the shadow ones to
 * {@code public} (index names kept), and gives every segment the shadow's token, claimed by this rebuild. The live
 * processors' next token update or claim extension finds the claim taken: their batch rolls back and they let go.
 * This instance's processor is restarted and, when no other instance owned a segment, claims again at once;
 * otherwise the segments are taken again from the new token once the rebuild's claim has expired (a few seconds).
 * A deadlock or a lock wait past the timeout rolls the swap back: it is tried again.</li>
 * </ol>
 * Readers wait only for the swap's transaction; the live processors pause until they have claimed again.
 */
@Component
public class ReadModelRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    static final int BATCH = 500;
    /** Where a rebuild is: its shadow filling, swapped in, or given up (its shadow dropped). */
    enum Status {
        REPLAYING, DONE, FAILED;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String REPLAYING = Status.REPLAYING.value();
    static final String DONE = Status.DONE.value();
    static final String FAILED = Status.FAILED.value();
    private static final int SWAP_ATTEMPTS = 10;
    private static final int HOLD_SECONDS = 5;

    /** A rebuild as GET /admin/rebuilds/{id} shows it. */
    public record Rebuild(String rebuildId, String processor, String status, long position, long head,
                          double progressPercent, long eventsDone, double eventsPerSecond, Long etaSeconds,
                          Instant startedAt, Instant finishedAt, String error) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionManager axonTransactions;
    private final EventStore events;
    private final Serializer serializer;
    private final ApplicationContext context;
    private final EventProcessingConfiguration processing;
    private final org.springframework.context.ApplicationEventPublisher publisher;
    private final String instance;
    private final Clock clock;
    private final Duration stale;
    private final Duration claimTimeout;
    private final BooleanSupplier postgres;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-model-rebuild");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    ReadModelRebuilds(JdbcTemplate jdbc, TransactionTemplate transactions, TransactionManager axonTransactions,
                      EventStore events, @Qualifier("serializer") Serializer serializer, ApplicationContext context,
                      EventProcessingConfiguration processing,
                      InstanceId instance, Clock clock,
                      @Value("${orders.rebuild.stale-after:30s}") Duration stale,
                      @Value("${orders.token-claim-timeout:10s}") Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.axonTransactions = axonTransactions;
        this.events = events;
        this.serializer = serializer;
        this.context = context;
        this.processing = processing;
        this.publisher = context;
        this.instance = instance.value();
        this.clock = clock;
        this.stale = stale;
        this.postgres = Databases.postgres(jdbc);
    }

    /**
     * Starts rebuilding the processor's read models into a shadow schema; the answer's id follows it.
     *
     * @throws Refusal 404 PROCESSOR_NOT_FOUND (not a query-side processor), 409 REBUILD_RUNNING, 409
     *                 REBUILD_NEEDS_POSTGRESQL (the embedded database keeps no second schema)
     */
    public Rebuild start(String processor) {
        String id = begin(processor);
        runner.submit(() -> run(id, Integer.MAX_VALUE));
        return find(id).orElseThrow();
    }

    /** The shadow schema and the rebuild's row, owned by this instance; nothing replayed yet. */
    String begin(String processor) {
        List<String> tables = ReadModelTables.of(processor).orElseThrow(() -> Refusal.notFound("PROCESSOR_NOT_FOUND",
                "no read models are built by a processor named " + processor + "; these are: "
                        + String.join(", ", ReadModelTables.all().keySet())));
        if (!postgres.getAsBoolean()) {
            throw Refusal.conflict("REBUILD_NEEDS_POSTGRESQL", "an online rebuild needs PostgreSQL; on the embedded "
                    + "database stop the service, empty the tables and token rows, and start it again to replay");
        }
        String id = RandomUuids.next().toString();
        String schema = "rebuild_" + id.replace("-", "").substring(0, 16);
        try {
            transactions.executeWithoutResult(status -> {
                long head = head();
                jdbc.update("INSERT INTO read_model_rebuild (rebuild_id, processor, status, shadow_schema, position,"
                                + " head_at_start, events_done, owner, heartbeat_at, started_at)"
                                + " VALUES (?, ?, ?, ?, -1, ?, 0, ?, ?, ?)", id, processor, REPLAYING, schema, head,
                        instance, utc(clock.instant()), utc(clock.instant()));
                jdbc.execute("CREATE SCHEMA " + schema);
                for (String table : tables) {
                    jdbc.execute("CREATE TABLE " + schema + "." + table + " (LIKE public." + table
                            + " INCLUDING ALL)");
                    if (ReadModelTables.CARRIED_OVER.contains(table)) {
                        jdbc.execute("INSERT INTO " + schema + "." + table + " SELECT * FROM public." + table);
                    }
                }
            });
        } catch (DataIntegrityViolationException running) {
            throw Refusal.conflict("REBUILD_RUNNING", "processor " + processor + " is being rebuilt already: "
                    + running(processor).orElse("?"));
        }
        log.info("rebuilding {} into {} (rebuild {})", processor, schema, id);
        return id;
    }

    private Optional<String> running(String processor) {
        return jdbc.queryForList("SELECT rebuild_id FROM read_model_rebuild WHERE processor = ? AND status = ?",
                String.class, processor, REPLAYING).stream().findFirst();
    }

    /** @throws Refusal 404 REBUILD_NOT_FOUND */
    public Rebuild require(String rebuildId) {
        return find(rebuildId).orElseThrow(() -> Refusal.notFound("REBUILD_NOT_FOUND", "no rebuild " + rebuildId));
    }

    /** The rebuild's progress; empty when there is none of that id. */
    public Optional<Rebuild> find(String rebuildId) {
        long head = head();
        return jdbc.query("SELECT rebuild_id, processor, status, position, head_at_start, events_done, started_at,"
                + " finished_at, heartbeat_at, error FROM read_model_rebuild WHERE rebuild_id = ?", (rs, i) -> {
            long position = rs.getLong("position");
            long done = rs.getLong("events_done");
            String status = rs.getString("status");
            Instant started = rs.getObject("started_at", OffsetDateTime.class).toInstant();
            OffsetDateTime finishedAt = rs.getObject("finished_at", OffsetDateTime.class);
            Instant finished = finishedAt == null ? null : finishedAt.toInstant();
            Instant until = finished != null ? finished
                    : rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant();
            double seconds = Math.max(0.001, Duration.between(started, until).toMillis() / 1000.0);
            double rate = done / seconds;
            long shownHead = DONE.equals(status) ? Math.max(position, 0) : Math.max(head, 0);
            double percent = DONE.equals(status) ? 100.0
                    : shownHead == 0 ? 0.0 : Math.min(100.0, 100.0 * Math.max(position, 0) / shownHead);
            Long eta = !REPLAYING.equals(status) ? null
                    : rate <= 0 ? null : (long) Math.ceil(Math.max(0, head - position) / rate);
            return new Rebuild(rs.getString("rebuild_id"), rs.getString("processor"), status, position, shownHead,
                    Math.round(percent * 10) / 10.0, done, Math.round(rate * 10) / 10.0, eta, started, finished,
                    rs.getString("error"));
        }, rebuildId).stream().findFirst();
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    }

    /**
     * Takes over rebuilds whose instance stopped beating (killed, or shut down mid-replay) and clears the schemas of
     * rebuilds that ended before they could drop them.
     */
    @Scheduled(initialDelayString = "${orders.rebuild.check-every:15s}", fixedDelayString = "${orders.rebuild.check-every:15s}")
    void resumeOrphans() {
        if (stopping || !postgres.getAsBoolean()) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (String id : jdbc.queryForList("SELECT rebuild_id FROM read_model_rebuild WHERE status = ?"
                    + " AND heartbeat_at < ?", String.class, REPLAYING, utc(now.minus(stale)))) {
                if (jdbc.update("UPDATE read_model_rebuild SET owner = ?, heartbeat_at = ? WHERE rebuild_id = ?"
                        + " AND status = ? AND heartbeat_at < ?", instance, utc(now), id, REPLAYING,
                        utc(now.minus(stale))) == 1) {
                    log.info("resuming rebuild {}, left by its instance", id);
                    runner.submit(() -> run(id, Integer.MAX_VALUE));
                }
            }
            for (String schema : jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'"
                    + " OR nspname LIKE 'retired\\_%'", String.class)) {
                String shadow = "rebuild_" + schema.substring(schema.indexOf('_') + 1);
                if (jdbc.queryForList("SELECT 1 FROM read_model_rebuild WHERE shadow_schema = ? AND status = ?",
                        Integer.class, shadow, REPLAYING).isEmpty()) {
                    jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        } catch (RuntimeException e) {
            log.warn("checking rebuilds failed, will retry: {}", e.toString());
        }
    }

    private record State(String processor, String schema, TrackingToken token) {
    }

    private Optional<State> state(String id) {
        return jdbc.query("SELECT processor, shadow_schema, token, token_type FROM read_model_rebuild"
                + " WHERE rebuild_id = ? AND status = ? AND owner = ?", (rs, i) -> {
            byte[] token = rs.getBytes("token");
            return new State(rs.getString("processor"), rs.getString("shadow_schema"), token == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class,
                    rs.getString("token_type"), null)));
        }, id, REPLAYING, instance).stream().findFirst();
    }

    /**
     * Replays into the shadow until it is caught up, then swaps; after {@code batches} batches it stops as if the
     * instance had died (a test's kill -9). Any failure marks the rebuild failed and drops its shadow.
     */
    void run(String id, int batches) {
        try {
            Optional<State> found = state(id);
            if (found.isEmpty()) {
                return; // taken over, or ended
            }
            State state = found.get();
            Fold handlers = handlers(state.processor());
            TrackingToken token = state.token();
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(token)) {
                for (int attempt = 1, done = 0; !stopping; ) {
                    if (done == batches) {
                        return;
                    }
                    List<TrackedEventMessage<?>> batch = next(stream);
                    if (!batch.isEmpty()) {
                        done++;
                        if (!replayed(id, state, handlers, batch)) {
                            return; // no longer ours
                        }
                        token = batch.get(batch.size() - 1).trackingToken();
                        continue;
                    }
                    try {
                        swap(id, state, handlers, stream, token);
                        return;
                    } catch (PessimisticLockingFailureException busy) {
                        if (attempt++ >= SWAP_ATTEMPTS) {
                            throw busy;
                        }
                        log.info("rebuild {}: swap attempt {} gave way ({}), trying again", id, attempt - 1,
                                busy.getMostSpecificCause().getMessage());
                    }
                }
            }
        } catch (Exception e) {
            if (stopping) {
                return; // shut down mid-replay: the next instance resumes it
            }
            log.error("rebuild {} failed", id, e);
            String cause = String.valueOf(e.getMessage());
            jdbc.update("UPDATE read_model_rebuild SET status = ?, error = ?, finished_at = ? WHERE rebuild_id = ?"
                            + " AND status = ?", FAILED, cause.substring(0, Math.min(cause.length(), 2000)),
                    utc(clock.instant()), id, REPLAYING);
            jdbc.queryForList("SELECT shadow_schema FROM read_model_rebuild WHERE rebuild_id = ?", String.class, id)
                    .forEach(schema -> jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        }
    }

    /**
     * The events available now, up to a batch; none when the shadow has caught up. The store's stream fetches a few
     * hundred at a time: a batch waits a little for the next fetch rather than ending at each.
     */
    private static List<TrackedEventMessage<?>> next(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        while (batch.size() < BATCH && stream.hasNextAvailable(batch.isEmpty() ? 200 : 20, TimeUnit.MILLISECONDS)) {
            batch.add(stream.nextAvailable());
        }
        return batch;
    }

    /** The rebuild is no longer this instance's: another took it over after this one seemed gone. */
    private static final class TakenOver extends RuntimeException {
        TakenOver(String id) {
            super("rebuild " + id + " was taken over");
        }
    }

    /** One batch into the shadow, with the rebuild's token, in one transaction; false if the rebuild is not ours. */
    private boolean replayed(String id, State state, Fold handlers,
                             List<TrackedEventMessage<?>> batch) throws Exception {
        BatchingUnitOfWork<TrackedEventMessage<?>> unit = new BatchingUnitOfWork<>(batch);
        unit.attachTransaction(axonTransactions);
        jdbc.execute("SET LOCAL search_path TO " + state.schema() + ", public");
        jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        unit.onPrepareCommit(u -> {
            if (progress(id, batch) == 0) {
                throw new TakenOver(id);
            }
        });
        ResultMessage<?> result;
        try {
            result = handle(unit, handlers);
        } catch (TakenOver lost) {
            return false;
        }
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            if (cause instanceof TakenOver) {
                return false;
            }
            throw cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
        return true;
    }

    /** The rebuild's token and counts after a batch, in the batch's transaction. */
    private int progress(String id, List<TrackedEventMessage<?>> batch) {
        TrackingToken last = batch.get(batch.size() - 1).trackingToken();
        SerializedObject<byte[]> token = serializer.serialize(last, byte[].class);
        long position = last.position().orElse(-1);
        return jdbc.update("UPDATE public.read_model_rebuild SET token = ?, token_type = ?, position = ?,"
                        + " events_done = events_done + ?, heartbeat_at = ? WHERE rebuild_id = ? AND owner = ?"
                        + " AND status = ?", token.getData(), token.getType().getName(), position, batch.size(),
                utc(clock.instant()), id, instance, REPLAYING);
    }

    /** Each event of the unit through the group's handlers, the unit committed (or rolled back) after the last. */
    private static ResultMessage<?> handle(BatchingUnitOfWork<TrackedEventMessage<?>> unit, Fold handlers) {
        return unit.executeWithResult(() -> {
            handlers.apply(List.of(unit.getMessage()));
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
    }

    /** The swap, in one transaction (see the class comment). Lock waits end after 5 s: then it is tried again. */
    private void swap(String id, State state, Fold handlers,
                      BlockingStream<TrackedEventMessage<?>> stream, TrackingToken replayed) throws Exception {
        List<String> tables = ReadModelTables.of(state.processor()).orElseThrow();
        String retired = "retired_" + state.schema().substring("rebuild_".length());
        TrackingToken[] token = {replayed};
        Map<Integer, String> owners = new HashMap<>();
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL lock_timeout TO '5s'");
            jdbc.execute("LOCK TABLE " + String.join(", ", tables.stream().map(t -> "public." + t).toList())
                    + " IN ACCESS EXCLUSIVE MODE");
            jdbc.query("SELECT segment, owner FROM token_entry WHERE processor_name = ? FOR UPDATE",
                    (RowCallbackHandler) rs -> owners.put(rs.getInt(1), rs.getString(2)),
                    state.processor());
            // What came since the last batch: the live processor cannot commit more now.
            jdbc.execute("SET LOCAL search_path TO " + state.schema() + ", public");
            try {
                List<TrackedEventMessage<?>> rest;
                while (!(rest = next(stream)).isEmpty()) {
                    BatchingUnitOfWork<TrackedEventMessage<?>> unit = new BatchingUnitOfWork<>(rest);
                    ResultMessage<?> result = handle(unit, handlers);
                    if (result.isExceptional()) {
                        throw new IllegalStateException(result.exceptionResult());
                    }
                    progress(id, rest);
                    token[0] = rest.get(rest.size() - 1).trackingToken();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            jdbc.execute("SET LOCAL search_path TO public");
            jdbc.execute("CREATE SCHEMA " + retired);
            for (String table : tables) {
                List<String> names = indexNames(table);
                jdbc.execute("ALTER TABLE public." + table + " SET SCHEMA " + retired);
                jdbc.execute("ALTER TABLE " + state.schema() + "." + table + " SET SCHEMA public");
                keepIndexNames(retired, table, names);
            }
            SerializedObject<byte[]> serialized = token[0] == null ? null
                    : serializer.serialize(token[0], byte[].class);
            // Claimed by this rebuild as of now: the live processors' claims are gone, and they take the segments
            // back from this token when this claim expires.
            jdbc.update("UPDATE token_entry SET token = ?, token_type = ?, owner = ?, time_stamp = ?"
                            + " WHERE processor_name = ?", serialized == null ? null : serialized.getData(),
                    serialized == null ? null : serialized.getType().getName(), "rebuild-" + id,
                    DateTimeUtils.formatInstant(claimedUntilSoon()), state.processor());
            // The copy handled every event up to its token, those the live processor set aside too (and those
            // queued behind them): its dead letters would be handled twice if retried.
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", state.processor());
            jdbc.update("UPDATE read_model_rebuild SET status = ?, finished_at = ?, heartbeat_at = ?"
                    + " WHERE rebuild_id = ?", DONE, utc(clock.instant()), utc(clock.instant()), id);
        });
        publisher.publishEvent(new ReadModelsSwapped(state.processor()));
        jdbc.execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + state.schema() + " CASCADE");
        handBack(id, state.processor(), owners);
        log.info("rebuild {} of {} swapped in", id, state.processor());
    }

    /**
     * Gives the segments back to the processor now rather than when the swap's claim expires, where that is safe:
     * this instance's processor is restarted (its workers' positions are in memory, from before the swap), and if
     * no other instance owned a segment, nobody else holds an old position: the claim is lifted and the restarted
     * processor claims at once from the new token. Segments other instances owned wait for the claim to expire.
     * <p>
     * Under load this instance's worker usually meets the swap's claim first, at its batch's commit, and Axon then
     * keeps the processor from claiming that segment for twice its claim interval (10 s by default), a wait that
     * outlives the restart: the live projection stood still for 10 s after every swap (bench/README.md, session 62).
     * The swap is what took the segment, so that wait is lifted here.
     */
    private void handBack(String id, String processor, Map<Integer, String> owners) {
        Optional<StreamingEventProcessor> local = processing.eventProcessor(processor, StreamingEventProcessor.class);
        try {
            if (local.isPresent()) {
                local.get().shutdownAsync().get(30, TimeUnit.SECONDS);
            }
            if (owners.values().stream().allMatch(owner -> owner == null || owner.equals(instance))) {
                jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ? AND owner = ?", processor,
                        "rebuild-" + id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("rebuild {}: {} goes on once the swap's claim expires ({})", id, processor, e.toString());
        } finally {
            local.ifPresent(p -> {
                // "release for -1 ms": a release deadline already past, so the restarted processor may claim
                owners.keySet().forEach(segment -> p.releaseSegment(segment, -1, TimeUnit.MILLISECONDS));
                restart(id, p);
            });
        }
    }

    /**
     * Starts the processor again. A tracking processor's last worker thread can outlive its shutdown by a moment, and
     * a start meanwhile does nothing: it is tried until the processor runs (10 s at most).
     */
    private static void restart(String id, StreamingEventProcessor processor) {
        for (int attempt = 0; attempt < 100 && !processor.isRunning(); attempt++) {
            if (!(processor instanceof TrackingEventProcessor tracking) || tracking.activeProcessorThreads() == 0) {
                processor.start();
            }
            if (!processor.isRunning()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!processor.isRunning()) {
            log.error("rebuild {}: processor {} did not start again; restart the instance", id, processor.getName());
        }
    }

    /**
     * The time the swap's claim on the segments is stamped with: it expires {@value #HOLD_SECONDS} s from now (or
     * at once the timeout is shorter), time enough for every live worker to try its next token update or claim
     * extension (about every second) and let go; then they claim again from the new token. Axon compares with the
     * wall clock, not the service's Clock.
     */
    private Instant claimedUntilSoon() {
        Duration hold = Duration.ofSeconds(HOLD_SECONDS);
        return claimTimeout.compareTo(hold) <= 0 ? Instant.now() : Instant.now().minus(claimTimeout).plus(hold);
    }

    /** The live table's index names, the primary key's but for the table name the same in the copy. */
    private List<String> indexNames(String table) {
        return jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = ?"
                + " ORDER BY indexname", String.class, table);
    }

    /**
     * The copy's indexes were named by PostgreSQL; each takes the name of the live index with the same definition,
     * so that later migrations find them by the names they created.
     */
    private void keepIndexNames(String retired, String table, List<String> names) {
        for (String name : names) {
            String definition = jdbc.queryForObject("SELECT regexp_replace(indexdef, '^.* USING ', '') FROM pg_indexes"
                    + " WHERE schemaname = ? AND indexname = ?", String.class, retired, name);
            List<String> copy = jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND tablename = ? AND regexp_replace(indexdef, '^.* USING ', '') = ? AND indexname <> ?",
                    String.class, table, definition, name);
            if (!copy.isEmpty()) {
                jdbc.execute("ALTER INDEX " + retired + "." + name + " RENAME TO " + shorten("old_" + name));
                jdbc.execute("ALTER INDEX public." + copy.get(0) + " RENAME TO " + name);
            }
        }
    }

    private static String shorten(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** The beans of the processing group: its projections, the very instances its processor calls. */
    private Fold handlers(String processor) {
        List<Object> beans = new ArrayList<>();
        context.getBeansWithAnnotation(ProcessingGroup.class).values().forEach(bean -> {
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(bean),
                    ProcessingGroup.class);
            if (group != null && group.value().toLowerCase(Locale.ROOT).equals(processor)) {
                beans.add(bean);
            }
        });
        if (beans.isEmpty()) {
            throw new IllegalStateException("no handlers in processing group " + processor);
        }
        return Fold.through(beans.toArray());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void destroy() {
        stopping = true;
        runner.shutdownNow();
    }
}
