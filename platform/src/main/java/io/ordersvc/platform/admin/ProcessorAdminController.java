package io.ordersvc.platform.admin;

import io.ordersvc.platform.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/admin")
@Tag(name = "Operations")
@RolesAllowed("admin")
public class ProcessorAdminController {

    private final ProcessorAdmin admin;

    public ProcessorAdminController(ProcessorAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/processors")
    @Operation(operationId = "listProcessors", summary = "Every event processor: segments, position, head, lag (admin)",
            description = "Tracking processors' segments come from token_entry, whichever instance owns them: position "
                    + "(the last global index handled), lag_events (head minus position), lag_ms (the age of the first "
                    + "event not handled), state (caught_up, catching_up, replaying, error; elsewhere: another "
                    + "instance works it; unclaimed: no instance does, until one claims it). Subscribing processors "
                    + "handle events as they are stored. dead_letters: events a processor set aside after they "
                    + "failed.")
    public ProcessorAdmin.Processors processors() {
        return admin.processors();
    }

    @ProblemCodes(notFound = {"PROCESSOR_NOT_FOUND", "SEGMENT_NOT_FOUND"},
            conflict = {"PROCESSOR_NOT_HERE", "SEGMENT_NOT_HERE", "SEGMENT_LIMIT", "SEGMENT_BUSY"})
    @PostMapping("/processors/{name}/segments/{segment}/split")
    @Operation(operationId = "splitSegment", summary = "Split a tracking processor's segment in two (admin)",
            description = "Asked of the instance that works the segment. Both halves start at its position; another "
                    + "instance (or another thread of this one) takes one half, so two instances share the processor's "
                    + "work. Refused (SEGMENT_LIMIT) when the processor would have more segments than an instance "
                    + "has threads: a lone surviving instance must be able to work every segment. Answers the "
                    + "processor as GET /admin/processors shows it.")
    public ProcessorAdmin.Processor split(@PathVariable @Size(min = 1, max = 100)
                                          @Pattern(regexp = "^[A-Za-z0-9_.-]+$") String name,
                                          @PathVariable @Min(0) @Max(1023) int segment) {
        return admin.split(name, segment);
    }

    @ProblemCodes(notFound = {"PROCESSOR_NOT_FOUND", "SEGMENT_NOT_FOUND"},
            conflict = {"PROCESSOR_NOT_HERE", "SEGMENT_NOT_HERE", "SEGMENT_NOT_MERGEABLE", "SEGMENT_BUSY"})
    @PostMapping("/processors/{name}/segments/{segment}/merge")
    @Operation(operationId = "mergeSegment", summary = "Merge a tracking processor's segment with its other half (admin)",
            description = "Asked of the instance that works the segment; the other half (the segment it was split "
                    + "from or into) must be this instance's or unclaimed. The merged segment's position is the "
                    + "slower half's until both have caught up. Fewer segments make larger batches: one instance "
                    + "spends fewer statements per event. Answers the processor as GET /admin/processors shows it.")
    public ProcessorAdmin.Processor merge(@PathVariable @Size(min = 1, max = 100)
                                          @Pattern(regexp = "^[A-Za-z0-9_.-]+$") String name,
                                          @PathVariable @Min(0) @Max(1023) int segment) {
        return admin.merge(name, segment);
    }

    @GetMapping("/dead-letters")
    @Operation(operationId = "listDeadLetters", summary = "Events processors set aside after they failed (admin)",
            description = "Oldest first; each with its processing group, its sequence (the aggregate: later events of "
                    + "it wait behind it) and the cause.")
    public ProcessorAdmin.DeadLetters deadLetters(@RequestParam(name = "processing_group", required = false)
                                                  @Size(min = 1, max = 100) String processingGroup,
                                                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return admin.deadLetters(processingGroup, limit);
    }

    @ProblemCodes(notFound = {"DEAD_LETTER_NOT_FOUND"}, conflict = {"PROCESSOR_NOT_HERE"})
    @PostMapping("/dead-letters/{deadLetterId}/retry")
    @Operation(operationId = "retryDeadLetter", summary = "Hand a dead letter's sequence back to its processor (admin)",
            description = "Its events are handled again in order; processed: they all went through; what fails again "
                    + "stays queued with its new cause (remaining).")
    public ProcessorAdmin.Retried retry(@PathVariable @Size(min = 1, max = 255)
                                        @Pattern(regexp = "^[A-Za-z0-9-]+$") String deadLetterId) {
        return admin.retry(deadLetterId);
    }
}
