package io.ordersvc.platform.admin;

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

/**
 * The event processors as an operator sees them: every tracking processor's segments across all instances (from
 * token_entry: owner and position), the head of the store, how far each segment is behind in events and in time,
 * what this instance runs, and the dead letters. Knows no feature: it reads Axon's own tables and configuration.
 */
@Component
public class ProcessorAdmin {

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

    public ProcessorAdmin(JdbcTemplate jdbc, EventProcessingConfiguration processing, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.json = json;
        this.clock = clock;
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
                        JsonNode index = replaying ? node.path("currentToken").path("index") : node.path("index");
                        position = index.isNumber() ? index.asLong() : null;
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
                String state = status == null ? "elsewhere" : status.isErrorState() ? "error"
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
