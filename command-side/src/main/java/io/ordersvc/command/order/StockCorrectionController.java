package io.ordersvc.command.order;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.shared.order.OrderCommand.CorrectStockRelease;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;

@RestController
@RequestMapping("/api/v1/admin/stock-corrections")
@Tag(name = "Operations")
public class StockCorrectionController {

    private final StockReconciliation reconciliation;
    private final Commands commands;
    private final CurrentActor actor;

    public StockCorrectionController(StockReconciliation reconciliation, Commands commands, CurrentActor actor) {
        this.reconciliation = reconciliation;
        this.commands = commands;
        this.actor = actor;
    }

    record CorrectionRequest(@Schema(description = "false (default): only report", example = "false") Boolean apply) {
    }

    record CorrectionReport(List<StockReconciliation.Correction> found, boolean applied,
                            List<StockReconciliation.Correction> remaining) {
    }

    @PostMapping
    @RolesAllowed({ADMIN})
    @Operation(operationId = "correctStock", summary = "Find, and with apply correct, stock that refunds released wrongly before version 0.2 (admin)",
            description = "A second return on a line gave its shipped units back again; a return that fully refunded a "
                    + "line never gave back its unshipped units. Each correction is recorded on the order and moves "
                    + "the product's stock in one transaction; running it again finds nothing. Units taken back are at "
                    + "most what is available: those sold since stay sold and are listed as remaining.")
    public CorrectionReport correct(@RequestBody(required = false) CorrectionRequest body) {
        List<StockReconciliation.Correction> found = reconciliation.find();
        if (body == null || !Boolean.TRUE.equals(body.apply())) {
            return new CorrectionReport(found, false, found);
        }
        for (StockReconciliation.Correction c : found) {
            commands.sendToOrder(new CorrectStockRelease(c.orderId(), actor.get(), c.orderLineId(), c.delta()));
        }
        return new CorrectionReport(found, true, reconciliation.find());
    }
}
