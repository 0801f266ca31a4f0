package io.ordersvc.query.refund;

import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.refund.RefundQuery;
import io.ordersvc.shared.refund.RefundQuery.RefundDetail;
import io.ordersvc.shared.refund.RefundQuery.RefundPage;
import io.ordersvc.shared.refund.RefundStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/v1/refunds")
@Tag(name = "Refunds (after-sales)")
public class RefundQueryController {

    private final QueryGateway queries;
    private final RefundQueries refunds;
    private final CurrentActor actor;
    private final ReadModelWait wait;

    public RefundQueryController(QueryGateway queries, RefundQueries refunds, CurrentActor actor,
                                 ReadModelWait wait) {
        this.queries = queries;
        this.refunds = refunds;
        this.actor = actor;
        this.wait = wait;
    }

    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"})
    @GetMapping("/{refundId}")
    @Operation(operationId = "getRefund", summary = "A refund with its log (who did what, when)", description = "min_version as for orders.")
    public ResponseEntity<RefundDetail> refund(@PathVariable UUID refundId,
                                               @RequestParam(name = "min_version", required = false)
                                               @PositiveOrZero Long minVersion) {
        String id = refundId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> refunds.version(id),
                () -> queries.query(new RefundQuery.FindRefund(id, caller), RefundDetail.class).join());
    }

    @GetMapping
    @Operation(operationId = "listRefunds", summary = "Refunds, newest first", description = "buyer: own; seller: own shop; admin: all.")
    public RefundPage list(
            @RequestParam(required = false)
            @Pattern(regexp = "applied|refused|cancelled|awaiting_return|return_shipped|refunding|refunded") String status,
            @RequestParam(name = "order_id", required = false) UUID orderId,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new RefundQuery.ListRefunds(status == null ? null : RefundStatus.fromValue(status),
                orderId == null ? null : orderId.toString(), page, size, actor.get()), RefundPage.class).join();
    }
}
