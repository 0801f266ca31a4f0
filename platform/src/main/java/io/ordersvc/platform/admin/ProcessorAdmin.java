package io.ordersvc.platform.admin;

import io.ordersvc.platform.axon.InstanceId;
import io.ordersvc.shared.error.Refusal;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event processors as an operator sees them: every tracking processor's segments across all instances (from
 * token_entry: owner and position), the head of the store, how far each segment is behind in events and in time,
 * what this instance runs, and the dead letters. Knows no feature: it reads Axon's own tables and configuration.
 */
@Component
public class ProcessorAdmin implements AutoCloseable {

    /** One segment of a tracking processor, wherever it runs. lagMs: the age of the first event it has not handled. */
    public record Segment(int segment, String owner, Long position, boolean replaying, long lagEvents, long lagMs,
                          String state) {
    }

    /** mode: tracking or subscribing; state here: running, stopped, error or elsewhere (not run by this instance). */
    public record Processor(String name, String mode, String state, long head, List<Segment> segments,
                            long deadLetters) {
    }

    public record Processors(long head, Instant at, List<Processor> processors) {
    }

    public record DeadLetter(String deadLetterId, String processingGroup, String sequenceIdentifier,
                             long sequenceIndex, String eventIdentifier, String payloadType, String aggregateIdentifier,
                             Long sequenceNumber, String enqueuedAt, String causeType, String causeMessage) {
    }

    public record DeadLetters(List<DeadLetter> items) {
    }

    public record Retried(String deadLetterId, String processingGroup, boolean processed, long remaining) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final JsonMapper json;
    private final Clock clock;
    private final String instance;
    /** One daemon thread that keeps a merge's other half released until the merge has run. */
    private final ScheduledExecutorService releases = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "merge-releases");
        thread.setDaemon(true);
        return thread;
    });

    public ProcessorAdmin(JdbcTemplate jdbc, EventProcessingConfiguration processing, JsonMapper json, Clock clock,
                          InstanceId instance) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.json = json;
        this.clock = clock;
        this.instance = instance.value();
    }

    public Processors processors() {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    deadLetters.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, List<Segment>> tokens = new TreeMap<>();
        jdbc.query("SELECT processor_name, segment, owner, token FROM token_entry ORDER BY processor_name, segment",
                rs -> {
                    String name = rs.getString(1);
                    int segment = rs.getInt(2);
                    byte[] token = rs.getBytes(4);
                    Long position = null;
                    boolean replaying = false;
                    if (token != null) {
                        JsonNode node = json.readTree(new String(token, StandardCharsets.UTF_8));
                        replaying = node.has("tokenAtReset");
                        position = lowestIndex(node);
                    }
                    tokens.computeIfAbsent(name, n -> new ArrayList<>()).add(new Segment(segment, rs.getString(3),
                            position, replaying, 0, 0, null));
                });
        Map<String, EventProcessor> local = processing.eventProcessors();
        List<Processor> processors = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(union(local.keySet(), tokens.keySet()))) {
            EventProcessor processor = local.get(name);
            boolean streaming = processor instanceof StreamingEventProcessor || tokens.containsKey(name);
            Map<Integer, EventTrackerStatus> mine = processor instanceof StreamingEventProcessor s
                    ? s.processingStatus() : Map.of();
            List<Segment> segments = tokens.getOrDefault(name, List.of()).stream().map(s -> {
                long behind = s.position() == null ? head : Math.max(0, head - s.position());
                EventTrackerStatus status = mine.get(s.segment());
                // Claimed by this instance but worked by none of its threads: after a merge, until Axon's release
                // of the half it took over has passed.
                String state = status == null
                        ? (s.owner() == null || s.owner().equals(instance) ? "unclaimed" : "elsewhere")
                        : status.isErrorState() ? "error"
                        : status.isReplaying() ? "replaying" : status.isCaughtUp() ? "caught_up" : "catching_up";
                return new Segment(s.segment(), s.owner(), s.position(), s.replaying(), behind,
                        behind == 0 ? 0 : age(s.position() == null ? 0 : s.position()), state);
            }).toList();
            String state = processor == null ? "elsewhere" : processor.isError() ? "error"
                    : processor.isRunning() ? "running" : "stopped";
            processors.add(new Processor(name, streaming ? "tracking" : "subscribing", state, head, segments,
                    deadLetters.getOrDefault(name, 0L)));
        }
        return new Processors(head, clock.instant(), processors);
    }

    /**
     * The position of a stored token: a plain token's index; a replay token's current one; a segment merged from two
     * (Axon's MergedTrackingToken, until its halves meet) is as far as its slower half.
     */
    static Long lowestIndex(JsonNode stored) {
        JsonNode token = stored.has("tokenAtReset") ? stored.path("currentToken") : stored;
        if (token.has("lowerSegmentToken")) {
            Long lower = lowestIndex(token.path("lowerSegmentToken"));
            Long upper = lowestIndex(token.path("upperSegmentToken"));
            return lower == null || upper == null ? null : Math.min(lower, upper);
        }
        JsonNode index = token.path("index");
        return index.isNumber() ? index.asLong() : null;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** How long ago the first event after this position was stored (0 when there is none). */
    private long age(long position) {
        List<String> stamps = jdbc.queryForList("SELECT time_stamp FROM domain_event_entry WHERE global_index > ?"
                + " ORDER BY global_index FETCH FIRST 1 ROWS ONLY", String.class, position);
        if (stamps.isEmpty()) {
            return 0;
        }
        return Math.max(0, Duration.between(Instant.parse(stamps.get(0)), clock.instant()).toMillis());
    }

    /** How long a split or merge may wait for the segment's thread, which takes it between two batches. */
    static final Duration RESIZE_WAIT = Duration.ofSeconds(15);

    /**
     * Splits a segment this instance works into two, each with the same position: another instance (or another of
     * this one's threads) can then take one half. Refused when the processor would have more segments than this
     * instance has threads: a lone survivor of the instances could not work them all, and the orders of the segment
     * left over would not be projected.
     *
     * @throws Refusal 404 PROCESSOR_NOT_FOUND, SEGMENT_NOT_FOUND; 409 PROCESSOR_NOT_HERE, SEGMENT_NOT_HERE,
     *                 SEGMENT_LIMIT, SEGMENT_BUSY
     */
    public Processor split(String name, int segment) {
        List<Integer> ids = segmentIds(name);
        StreamingEventProcessor processor = streaming(name, segment, ids);
        int segments = ids.size();
        if (segments + 1 > processor.maxCapacity()) {
            throw Refusal.conflict("SEGMENT_LIMIT", "processor " + name + " has " + segments + " segment(s) and "
                    + processor.maxCapacity() + " thread(s) per instance: a split would leave a segment no lone "
                    + "instance could work; raise its thread-count first").with("segments", segments)
                    .with("threads", processor.maxCapacity());
        }
        owned(processor, name, segment);
        await(name, segment, "split", processor.splitSegment(segment), RESIZE_WAIT);
        awaitSegmentCount(name, segments + 1);
        return processor(name);
    }

    /**
     * Merges a segment this instance works with its counterpart (the other half of the segment it was split from)
     * into one, whose position is the slower half's until both have caught up. The counterpart must be this
     * instance's or unclaimed.
     *
     * @throws Refusal 404 PROCESSOR_NOT_FOUND, SEGMENT_NOT_FOUND; 409 PROCESSOR_NOT_HERE, SEGMENT_NOT_HERE,
     *                 SEGMENT_NOT_MERGEABLE, SEGMENT_BUSY
     */
    public Processor merge(String name, int segment) {
        List<Integer> ids = segmentIds(name);
        StreamingEventProcessor processor = streaming(name, segment, ids);
        owned(processor, name, segment);
        EventTrackerStatus status = processor.processingStatus().get(segment);
        if (status == null) {
            throw busy(name, segment, "merge");
        }
        int partner = status.getSegment().mergeableSegmentId();
        if (partner == segment) {
            throw Refusal.conflict("SEGMENT_NOT_MERGEABLE", "segment " + segment + " of " + name
                    + " is the processor's only segment");
        }
        String partnerOwner = processor.processingStatus().containsKey(partner) ? null : owner(name, partner);
        if (partnerOwner != null) {
            throw Refusal.conflict("SEGMENT_NOT_HERE", "segment " + partner + " of " + name + ", the other half "
                    + "of segment " + segment + ", is worked by " + partnerOwner + "; ask that instance")
                    .with("owner", partnerOwner);
        }
        await(name, segment, "merge", mergeKeepingReleased(processor, segment, partner, releases), RESIZE_WAIT);
        awaitSegmentCount(name, ids.size() - 1);
        return processor(name);
    }

    /** How long a merge's other half is kept released at most, should the merge never run (processor stopped). */
    static final Duration KEEP_RELEASED_AT_MOST = Duration.ofMinutes(10);

    /**
     * Asks Axon to merge the segment with its other half, and keeps that half released (on this instance) until the
     * merge has run. Axon's merge instruction, run by the segment's thread, releases the other half for twice the
     * claim interval and then waits, without end, for that half's thread to let it go. That thread notices a release
     * only between two batches or after up to a second of waiting for events; if the release has lapsed by then, it
     * works on, and the merging thread spins for ever while its half of the projection stands still (a test run on a
     * fast machine: SEGMENT_BUSY, the thread in MergeSegmentInstruction's Thread.yield). Released again every 100 ms
     * for a second each time, the half is let go at its thread's next look, whenever that comes.
     */
    static CompletableFuture<Boolean> mergeKeepingReleased(StreamingEventProcessor processor, int segment, int partner,
                                                           ScheduledExecutorService releases) {
        CompletableFuture<Boolean> merged = processor.mergeSegment(segment);
        if (merged.isDone()) {
            return merged;
        }
        processor.releaseSegment(partner, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> again = releases.scheduleWithFixedDelay(
                () -> processor.releaseSegment(partner, 1, TimeUnit.SECONDS), 100, 100, TimeUnit.MILLISECONDS);
        merged.whenComplete((ok, failure) -> again.cancel(false));
        releases.schedule(() -> again.cancel(false), KEEP_RELEASED_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        return merged;
    }

    @Override
    public void close() {
        releases.shutdownNow();
    }

    /** One processor as {@link #processors()} shows it. */
    public Processor processor(String name) {
        return processors().processors().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> Refusal.notFound("PROCESSOR_NOT_FOUND", "there is no processor " + name));
    }

    /** The processor, streaming and run here, and one of its segments. */
    private StreamingEventProcessor streaming(String name, int segment, List<Integer> segments) {
        EventProcessor local = processing.eventProcessors().get(name);
        if (local == null && segments.isEmpty()) {
            throw Refusal.notFound("PROCESSOR_NOT_FOUND", "there is no processor " + name);
        }
        if (!(local instanceof StreamingEventProcessor processor)) {
            throw Refusal.conflict("PROCESSOR_NOT_HERE", local == null
                    ? "this instance does not run processor " + name + "; ask one that does"
                    : "processor " + name + " handles events as they are stored: it has no segments");
        }
        if (!segments.contains(segment)) {
            throw Refusal.notFound("SEGMENT_NOT_FOUND", "processor " + name + " has no segment " + segment
                    + " (it has " + segments + ")").with("segments", segments);
        }
        return processor;
    }

    /** Refused unless this instance works the segment. */
    private void owned(StreamingEventProcessor processor, String name, int segment) {
        if (!processor.processingStatus().containsKey(segment)) {
            String owner = owner(name, segment);
            throw Refusal.conflict("SEGMENT_NOT_HERE", "segment " + segment + " of " + name + " is "
                    + (owner == null ? "not claimed yet; try again in a few seconds" : "worked by " + owner
                    + "; ask that instance")).with("owner", owner);
        }
    }

    /** The instance that holds the segment's claim in token_entry; null when nobody does. */
    private String owner(String name, int segment) {
        return jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ? AND segment = ?",
                String.class, name, segment).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private List<Integer> segmentIds(String name) {
        return jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment",
                Integer.class, name);
    }

    /**
     * Waits for a split or merge that the segment's thread runs between two batches.
     *
     * @throws Refusal 409 SEGMENT_BUSY when it failed or did not finish within {@code wait}; in the latter case the
     *                 thread still holds it and may yet run it, which the answer says
     */
    static void await(String name, int segment, String operation, CompletableFuture<Boolean> done, Duration wait) {
        boolean ok;
        try {
            ok = done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(name, segment, operation);
        } catch (TimeoutException e) {
            // Axon keeps the instruction for the segment's thread, which takes it after its current batch.
            throw busy(name, segment, operation, "was not taken by the segment's thread within " + wait.toSeconds()
                    + " s; the thread may still take it after its current batch: look at GET /api/v1/admin/processors"
                    + " before asking again");
        } catch (ExecutionException e) {
            throw busy(name, segment, operation);
        }
        if (!ok) {
            throw busy(name, segment, operation);
        }
    }

    /**
     * Waits (at most {@link #RESIZE_WAIT}) until token_entry holds the processor's new number of segments, so that
     * the answer shows the split or merge just made. A tracking processor completes the operation's future inside
     * the transaction that writes the tokens (TrackingEventProcessor.Instruction#run), so a read right after it may
     * still see the segments from before: a CI run on PostgreSQL once answered a split with one segment.
     */
    private void awaitSegmentCount(String name, int count) {
        long deadline = System.nanoTime() + RESIZE_WAIT.toNanos();
        while (segmentIds(name).size() != count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Refusal busy(String name, int segment, String operation) {
        return busy(name, segment, operation, "did not complete (the segment changed hands or is busy); look at GET"
                + " /api/v1/admin/processors and try again");
    }

    private static Refusal busy(String name, int segment, String operation, String what) {
        return Refusal.conflict("SEGMENT_BUSY", "the " + operation + " of segment " + segment + " of " + name + " "
                + what);
    }

    public DeadLetters deadLetters(String processingGroup, int limit) {
        return new DeadLetters(jdbc.query("SELECT dead_letter_id, processing_group, sequence_identifier, sequence_index,"
                        + " event_identifier, payload_type, aggregate_identifier, sequence_number, enqueued_at, cause_type,"
                        + " cause_message FROM dead_letter_entry" + (processingGroup == null ? ""
                        : " WHERE processing_group = ?") + " ORDER BY enqueued_at, sequence_index FETCH FIRST " + limit
                        + " ROWS ONLY",
                (rs, i) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)),
                processingGroup == null ? new Object[0] : new Object[]{processingGroup}));
    }

    /**
     * Hands the dead letter's sequence (its letter and the ones queued after it for the same aggregate) back to its
     * processor, in order; what fails again stays queued with the new cause.
     *
     * @throws Refusal 404 DEAD_LETTER_NOT_FOUND; 409 PROCESSOR_NOT_HERE when this instance does not run its processor
     */
    public Retried retry(String deadLetterId) {
        List<Map<String, Object>> found = jdbc.queryForList("SELECT processing_group, sequence_identifier FROM"
                + " dead_letter_entry WHERE dead_letter_id = ?", deadLetterId);
        if (found.isEmpty()) {
            throw Refusal.notFound("DEAD_LETTER_NOT_FOUND", "dead letter " + deadLetterId + " does not exist");
        }
        String group = (String) found.get(0).get("processing_group");
        String sequence = (String) found.get(0).get("sequence_identifier");
        String first = jdbc.queryForObject("SELECT event_identifier FROM dead_letter_entry WHERE processing_group = ?"
                + " AND sequence_identifier = ? ORDER BY sequence_index FETCH FIRST 1 ROWS ONLY", String.class, group,
                sequence);
        var processor = processing.sequencedDeadLetterProcessor(group).orElseThrow(() -> Refusal.conflict(
                "PROCESSOR_NOT_HERE", "this instance does not run processor " + group + "; ask one that does"));
        boolean processed = processor.process(letter -> letter.message().getIdentifier().equals(first));
        long remaining = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?"
                + " AND sequence_identifier = ?", Long.class, group, sequence);
        return new Retried(deadLetterId, group, processed, remaining);
    }
}
