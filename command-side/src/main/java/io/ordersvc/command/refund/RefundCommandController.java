package io.ordersvc.command.refund;

import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.command.refund.Refund.RefundAck;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundCommand.ApproveRefund;
import io.ordersvc.shared.refund.RefundCommand.CancelRefund;
import io.ordersvc.shared.refund.RefundCommand.ConfirmReturn;
import io.ordersvc.shared.refund.RefundCommand.RefuseRefund;
import io.ordersvc.shared.refund.RefundCommand.ShipReturn;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.*;

@RestController
@Tag(name = "Refunds (after-sales)")
public class RefundCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public RefundCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record ApplyRequest(@NotNull UUID orderLineId,
                        @NotNull @Schema(example = "return_and_refund") RefundType type,
                        @NotNull @Schema(example = "true") Boolean goodsReceived,
                        @NotNull @Schema(example = "quality_issue") RefundReason reason,
                        @NotNull @Schema(type = "string", example = "22.00") Money amount,
                        @Size(max = 500) @Schema(example = "领口开线") String note,
                        @Size(max = 9) List<@NotBlank @Size(max = 1024)
                        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String> evidenceUrls) {
    }

    record ReasonRequest(@NotBlank @Size(max = 500) @Schema(example = "商品已签收超过7天") String reason) {
    }

    record ApproveRequest(@Size(max = 512) @Schema(example = "上海市浦东新区张江路 100 号 退货组 021-12345678")
                          String returnAddress,
                          @Schema(description = "one of the shop's return addresses (PUT /shops/{shop_id}); "
                                  + "neither this nor return_address: the shop's default") UUID returnAddressId) {
    }

    record ReturnShipmentRequest(@NotBlank @Size(max = 32) @Schema(example = "SF") @SingleLine String carrierCode,
                                 @NotBlank @Size(max = 64) @Schema(example = "顺丰速运") @SingleLine String carrierName,
                                 @NotBlank @Size(max = 64) @Schema(example = "SF9876543210") @SingleLine String trackingNo) {
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_REFUNDABLE", "AFTER_SALES_WINDOW_CLOSED", "REFUND_ALREADY_OPEN", "GROUP_FORMING"}, unprocessable = {"REFUND_EXCEEDS_REFUNDABLE", "UNKNOWN_ORDER_LINE", "INVALID_REFUND_REASON"})
    @PostMapping("/api/v1/orders/{orderId}/refunds")
    @Operation(operationId = "applyForRefund", summary = "Apply for a refund on one order line (buyer)", description = "Only paid orders (completed "
            + "ones within the after-sales window); amount at most what is still refundable on the line; one open "
            + "refund per line.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the refund", useReturnTypeSchema = true)
    public ResponseEntity<RefundAck> apply(@PathVariable UUID orderId, @Valid @RequestBody ApplyRequest body) {
        String refundId = ids.generateId().toString();
        RefundAck ack = commands.send(new ApplyRefund(refundId, orderId.toString(), body.orderLineId().toString(),
                body.type(), body.goodsReceived(), body.reason(), body.amount(), body.note(), body.evidenceUrls(),
                actor.get()), () -> Refusal.orderNotFound(orderId.toString()));
        return ResponseEntity.created(URI.create("/api/v1/refunds/" + refundId)).body(ack);
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"}, conflict = {"REFUND_NOT_CANCELLABLE"})
    @PostMapping("/api/v1/refunds/{refundId}/cancel")
    @Operation(operationId = "cancelRefund", summary = "Withdraw an application (buyer)")
    public RefundAck cancel(@PathVariable UUID refundId) {
        return commands.send(new CancelRefund(refundId.toString(), actor.get()),
                notFound(refundId));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"}, conflict = {"REFUND_NOT_REFUSABLE"})
    @PostMapping("/api/v1/refunds/{refundId}/refuse")
    @Operation(operationId = "refuseRefund", summary = "Refuse an application (seller)", description = "The buyer may apply again.")
    public RefundAck refuse(@PathVariable UUID refundId, @Valid @RequestBody ReasonRequest body) {
        return commands.send(new RefuseRefund(refundId.toString(), body.reason(), actor.get()), notFound(refundId));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"}, conflict = {"REFUND_NOT_APPROVABLE"},
            unprocessable = {"RETURN_ADDRESS_REQUIRED", "UNKNOWN_RETURN_ADDRESS"})
    @PostMapping("/api/v1/refunds/{refundId}/approve")
    @Operation(operationId = "approveRefund", summary = "Approve an application (seller)", description = "refund_only: refunded at once. "
            + "return_and_refund: the goods go to return_address, or the shop's address return_address_id, or the "
            + "shop's default address; the refund waits for them.")
    public RefundAck approve(@PathVariable UUID refundId, @Valid @RequestBody(required = false) ApproveRequest body) {
        return commands.send(new ApproveRefund(refundId.toString(), body == null ? null : body.returnAddress(),
                body == null || body.returnAddressId() == null ? null : body.returnAddressId().toString(),
                actor.get()), notFound(refundId));
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"}, conflict = {"REFUND_NOT_AWAITING_RETURN"})
    @PostMapping("/api/v1/refunds/{refundId}/return-shipment")
    @Operation(operationId = "shipReturn", summary = "Report the return parcel (buyer)")
    public RefundAck shipReturn(@PathVariable UUID refundId, @Valid @RequestBody ReturnShipmentRequest body) {
        return commands.send(new ShipReturn(refundId.toString(), body.carrierCode(), body.carrierName(),
                body.trackingNo(), actor.get()), notFound(refundId));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"}, conflict = {"RETURN_NOT_SHIPPED"})
    @PostMapping("/api/v1/refunds/{refundId}/confirm-return")
    @Operation(operationId = "confirmReturn", summary = "Confirm the goods came back (seller): the money is refunded and the stock restocked")
    public RefundAck confirmReturn(@PathVariable UUID refundId) {
        return commands.send(new ConfirmReturn(refundId.toString(), actor.get()),
                notFound(refundId));
    }

    @RolesAllowed(ADMIN)
    @ProblemCodes(notFound = {"REFUND_NOT_FOUND"}, conflict = {"PAYOUT_NOT_FAILED"})
    @PostMapping("/api/v1/refunds/{refundId}/payout/retry")
    @Operation(operationId = "retryRefundPayout", summary = "Try a failed payout again (admin)", description = "A "
            + "refund whose money the payment channel refused, or did not pay after every attempt, stays refunding "
            + "with payout status failed; this makes it due now, from the first attempt, with the same "
            + "out_request_no (the channel pays it once).")
    public RefundAck retryPayout(@PathVariable UUID refundId) {
        return commands.send(new io.ordersvc.shared.refund.RefundCommand.RetryPayout(refundId.toString(),
                actor.get()), notFound(refundId));
    }

    private static java.util.function.Supplier<Refusal> notFound(UUID refundId) {
        return () -> Refusal.notFound("REFUND_NOT_FOUND", "refund " + refundId + " does not exist");
    }
}
