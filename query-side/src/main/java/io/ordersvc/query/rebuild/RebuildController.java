package io.ordersvc.query.rebuild;

import io.ordersvc.platform.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@Validated
@RequestMapping("/api/v1/admin")
@Tag(name = "Operations")
@RolesAllowed("admin")
public class RebuildController {

    private final ReadModelRebuilds rebuilds;

    public RebuildController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @ProblemCodes(notFound = {"PROCESSOR_NOT_FOUND"}, conflict = {"REBUILD_RUNNING", "REBUILD_NEEDS_POSTGRESQL"})
    @PostMapping("/processors/{name}/rebuild")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202",
            description = "Started; Location names the rebuild", useReturnTypeSchema = true)
    @Operation(operationId = "rebuildProcessor", summary = "Rebuild a processor's read models while they serve (admin)",
            description = "orders, products or analytics. Replays every event into shadow copies of the processor's "
                    + "tables while the live ones answer, then swaps them in one transaction; the processor goes on "
                    + "from there within a few seconds. 202 with the rebuild; follow it at Location. PostgreSQL only.")
    public ResponseEntity<ReadModelRebuilds.Rebuild> rebuild(@PathVariable @Size(min = 1, max = 64)
                                                             @Pattern(regexp = "^[a-z][a-z-]*$") String name) {
        ReadModelRebuilds.Rebuild started = rebuilds.start(name);
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/rebuilds/" + started.rebuildId()))
                .body(started);
    }

    @ProblemCodes(notFound = {"REBUILD_NOT_FOUND"})
    @GetMapping("/rebuilds/{rebuildId}")
    @Operation(operationId = "getRebuild", summary = "A rebuild's progress (admin)",
            description = "status replaying, done or failed (error); position and head (global indexes), "
                    + "progress_percent, events_done, events_per_second, eta_seconds while replaying.")
    public ReadModelRebuilds.Rebuild rebuild(@PathVariable UUID rebuildId) {
        return rebuilds.require(rebuildId.toString());
    }
}
