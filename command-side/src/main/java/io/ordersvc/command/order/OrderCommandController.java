package io.ordersvc.command.order;

import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.command.order.OrderRequests.CancelRequest;
import io.ordersvc.command.order.OrderRequests.InvoiceRecord;
import io.ordersvc.command.order.OrderRequests.PayRequest;
import io.ordersvc.command.order.OrderRequests.PlaceOrderRequest;
import io.ordersvc.command.order.OrderRequests.ReviewRequest;
import io.ordersvc.command.order.OrderRequests.ShipRequest;
import io.ordersvc.command.order.OrderRequests.ShipmentAck;
import io.ordersvc.command.web.Commands;
import io.ordersvc.command.web.PurchaseRequests;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.ConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.AdjustPrice;
import io.ordersvc.shared.order.OrderCommand.ChangeReceiver;
import io.ordersvc.shared.order.OrderCommand.DeleteOrder;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.shared.money.Money;
import jakarta.validation.constraints.NotBlank;
import io.ordersvc.shared.order.OrderCommand.ExtendReceipt;
import io.ordersvc.shared.order.OrderCommand.MarkPrinted;
import io.ordersvc.shared.order.OrderCommand.SetSellerRemark;
import io.ordersvc.shared.order.SellerFlag;
import io.ordersvc.platform.web.validation.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PutMapping;
import io.ordersvc.shared.order.OrderCommand.IssueInvoice;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderCommand.ReviewOrder;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.ShipmentLine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.*;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders — commands")
public class OrderCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public OrderCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"GROUP_BUY_NOT_FOUND", "GROUP_NOT_FOUND"}, conflict = {"OUT_OF_STOCK", "PRICE_CHANGED",
            "GROUP_FULL", "GROUP_NOT_OPEN", "GROUP_NOT_FORMING", "ALREADY_IN_GROUP", "GROUP_BUY_NOT_RUNNING",
            "BUYER_ERASED"},
            unprocessable = {"UNKNOWN_SKU", "MULTIPLE_SHOPS", "INVALID_GROUP_CHOICE", "GROUP_ORDER_ONE_ITEM",
            "SKU_NOT_IN_GROUP_BUY", "GROUP_BUY_LIMIT_EXCEEDED", "GROUP_ORDER_NOT_EXCHANGE",
            "NOT_EXCHANGEABLE_FOR_POINTS", "OFF_SHELF", "OVER_PURCHASE_LIMIT", "GIFT_NOT_OFFERED",
            "REGION_CODE_REQUIRED", "REGION_NOT_DELIVERABLE", "INSUFFICIENT_POINTS", "INSUFFICIENT_BALANCE", "POINTS_OVER_LIMIT", "BALANCE_OVER_TOTAL", "INVALID_POINTS",
            "GIFT_CARD_NOT_FOUND", "GIFT_CARD_EXPIRED", "INSUFFICIENT_GIFT_CARD", "GIFT_CARD_OVER_TOTAL",
            "COUPON_NOT_FOUND"})
    @PostMapping
    @Operation(operationId = "placeOrder", summary = "Place an order (buyer): checkout's buy-now path for one shop",
            description = "Prices come from the catalog and go through checkout's pricing (member price, promotions, "
                    + "shipping by the lines' freight templates); stock is reserved. All items must belong to one "
                    + "shop (422 MULTIPLE_SHOPS); POST /checkouts splits several shops' goods into orders. Points, "
                    + "balance and a gift card pay part of it as at checkout.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new order",
            useReturnTypeSchema = true)
    public ResponseEntity<CheckoutPlaced.PlacedOrder> place(@Valid @RequestBody PlaceOrderRequest body) {
        String orderId = ids.generateId().toString();
        var command = new PlaceOrder(orderId, actor.get(),
                body.orderType() == null ? OrderType.PHYSICAL : body.orderType(),
                body.items().stream().map(i -> new PlaceOrder.Item(i.skuId().toString(), i.quantity())).toList(),
                body.receiver().receiver(), body.buyerRemark(),
                PurchaseRequests.GiftChoiceRequest.all(body.giftChoices()),
                PurchaseRequests.InvoiceRequest.of(body.invoice()), body.expectedPayAmount(), body.assets(),
                body.group() == null ? null : body.group().choice());
        CheckoutPlaced.PlacedOrder placement = commands.send(command);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + orderId)).body(placement);
    }

    @RolesAllowed({SYSTEM, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_PAYABLE", "ORDER_ALREADY_PAID", "PAYMENT_WINDOW_CLOSED", "ORDER_EXPIRED"}, unprocessable = {"AMOUNT_MISMATCH"})
    @PostMapping("/{orderId}/pay")
    @Operation(operationId = "payOrder", summary = "Record the payment (system, admin)", description = "amount must equal pay_amount "
            + "(422 AMOUNT_MISMATCH). The same transaction_no again changes nothing and answers that payment, with the "
            + "order's status and version as they are now; another payment of a paid order is 409 ORDER_ALREADY_PAID.")
    public PayAck pay(@PathVariable UUID orderId, @Valid @RequestBody PayRequest body) {
        PayAck ack = commands.sendToOrder(new PayOrder(orderId.toString(), actor.get(), body.amount(),
                body.channel(), body.transactionNo()));
        if (ack.status() == OrderStatus.CANCELLED) {
            throw Refusal.conflict("ORDER_EXPIRED", "order " + orderId + " expired before it was paid; the payment "
                    + body.transactionNo() + " is recorded and will be refunded");
        }
        return ack;
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_SHIPPABLE", "ORDER_LOCKED", "GROUP_FORMING"}, unprocessable = {"SHIP_QUANTITY_EXCEEDS", "UNKNOWN_ORDER_LINE"})
    @PostMapping("/{orderId}/shipments")
    @Operation(operationId = "shipOrder", summary = "Ship all or some lines (seller, admin)", description = "Without lines, everything not yet "
            + "shipped goes in this shipment. The order is shipped when every line is.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new order",
            useReturnTypeSchema = true)
    public ResponseEntity<ShipmentAck> ship(@PathVariable UUID orderId, @Valid @RequestBody ShipRequest body) {
        String shipmentId = ids.generateId().toString();
        List<ShipmentLine> lines = body.lines() == null ? List.of() : body.lines().stream()
                .map(l -> new ShipmentLine(l.orderLineId().toString(), l.quantity())).toList();
        OrderAck ack = commands.sendToOrder(new ShipOrder(orderId.toString(), actor.get(), shipmentId,
                body.carrierCode(), body.carrierName(), body.trackingNo(), lines));
        return ResponseEntity.created(URI.create("/api/v1/orders/" + orderId))
                .body(new ShipmentAck(shipmentId, ack.orderId(), ack.status(), ack.version()));
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_RECEIVABLE", "ORDER_LOCKED"})
    @PostMapping("/{orderId}/receipt")
    @Operation(operationId = "confirmReceipt", summary = "Confirm receipt (buyer)")
    public OrderAck confirmReceipt(@PathVariable UUID orderId) {
        return commands.sendToOrder(new ConfirmReceipt(orderId.toString(), actor.get()));
    }

    @RolesAllowed({BUYER, SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_CANCELLABLE"})
    @PostMapping("/{orderId}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel an unpaid order (buyer, seller, admin)", description = "Releases the stock.")
    public OrderAck cancel(@PathVariable UUID orderId, @Valid @RequestBody CancelRequest body) {
        return commands.sendToOrder(new CancelOrder(orderId.toString(), actor.get(), body.reason()));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_REVIEWABLE", "REVIEW_WINDOW_CLOSED", "ORDER_ALREADY_REVIEWED"}, unprocessable = {"INVALID_RATING"})
    @PostMapping("/{orderId}/review")
    @Operation(operationId = "reviewOrder", summary = "Review a completed order, once (buyer)")
    public OrderAck review(@PathVariable UUID orderId, @Valid @RequestBody ReviewRequest body) {
        return commands.sendToOrder(new ReviewOrder(orderId.toString(), actor.get(), body.rating(), body.content()));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_INVOICEABLE", "NO_INVOICE_REQUESTED",
            "INVOICE_ALREADY_ISSUED"})
    @PostMapping("/{orderId}/invoice")
    @Operation(operationId = "issueInvoice", summary = "Record the invoice issued for a paid order (seller, admin)",
            description = "Only for an order whose buyer asked for an invoice. The same invoice_no again changes "
                    + "nothing; another one is 409 INVOICE_ALREADY_ISSUED. The detail shows it under invoice.")
    public OrderAck issueInvoice(@PathVariable UUID orderId, @Valid @RequestBody InvoiceRecord body) {
        return commands.sendToOrder(new IssueInvoice(orderId.toString(), actor.get(), body.invoiceNo(), body.url()));
    }

    record PrintedRequest(@NotNull @Schema(example = "true") Boolean printed) {
    }

    record SellerRemarkRequest(@Size(max = 500) @SingleLine @Schema(example = "顾客要求周末送达") String remark,
                               @Schema(example = "red", description = "null clears the flag") SellerFlag flag) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_PRINTABLE"})
    @PostMapping("/{orderId}/printed")
    @Operation(operationId = "markPrinted", summary = "Mark the waybill printed, or not (its shop's seller, admin)",
            description = "From payment until the order has shipped everything (to_ship, shipped). The same value "
                    + "again changes nothing. GET /orders?printed= filters by it; status counts give not_printed.")
    public OrderAck markPrinted(@PathVariable UUID orderId, @Valid @RequestBody PrintedRequest body) {
        return commands.sendToOrder(new MarkPrinted(orderId.toString(), actor.get(), body.printed()));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"})
    @PutMapping("/{orderId}/seller-remark")
    @Operation(operationId = "setSellerRemark", summary = "The shop's private remark and flag (its shop's seller, "
            + "admin)", description = "Shown on the order list and detail to the shop and admins only, never to "
            + "the buyer, and not in the order's log. A null remark and flag clear them. GET /orders?flag= filters.")
    public OrderAck sellerRemark(@PathVariable UUID orderId, @Valid @RequestBody SellerRemarkRequest body) {
        String remark = body.remark() == null || body.remark().isBlank() ? null : body.remark().strip();
        return commands.sendToOrder(new SetSellerRemark(orderId.toString(), actor.get(), remark, body.flag()));
    }

    record PriceAdjustmentRequest(@MinAmount("0.01") @Schema(type = "string", example = "88.00",
                                          description = "what the buyer is to pay now") Money payAmount,
                                  @MinAmount("0.00") @Schema(type = "string", example = "0.00",
                                          description = "the shipping fee now (0.00: free shipping)")
                                  Money shippingFee,
                                  @NotBlank @Size(max = 200) @SingleLine @Schema(example = "老客户优惠") String reason) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        @jakarta.validation.constraints.AssertTrue(message = "pay_amount or shipping_fee is required")
        public boolean isPayAmountOrShippingFee() {
            return payAmount != null || shippingFee != null;
        }
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_ADJUSTABLE"},
            unprocessable = {"PAY_AMOUNT_TOO_LOW", "PRICE_ABOVE_ORIGINAL", "ADJUSTMENT_TOO_LARGE"})
    @PostMapping("/{orderId}/price-adjustment")
    @Operation(operationId = "adjustPrice", summary = "Change what an unpaid order costs (改价; its shop's seller, "
            + "admin)", description = "A new shipping_fee, a new pay_amount, or both (shipping first). The change "
            + "of pay_amount is apportioned to the lines like a discount, to the fen (price.seller_adjustment, each "
            + "line's discount_share and paid_amount), so refunds stay bounded by what was paid. A seller never asks "
            + "more than the order's total when placed (422 PRICE_ABOVE_ORIGINAL; an admin may); at least 0.01 is "
            + "left to pay. Logged with the reason; a payment of the old amount is then 422 AMOUNT_MISMATCH.")
    public OrderAck adjustPrice(@PathVariable UUID orderId, @Valid @RequestBody PriceAdjustmentRequest body) {
        return commands.sendToOrder(new AdjustPrice(orderId.toString(), actor.get(), body.payAmount(),
                body.shippingFee(), body.reason().strip()));
    }

    @RolesAllowed({BUYER, SELLER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"RECEIVER_NOT_CHANGEABLE", "SHIPPING_FEE_CHANGED",
            "BUYER_ERASED"},
            unprocessable = {"REGION_CODE_REQUIRED", "REGION_NOT_DELIVERABLE"})
    @PutMapping("/{orderId}/receiver")
    @Operation(operationId = "changeReceiver", summary = "Send the order to another receiver, before it ships (the "
            + "buyer, its shop's seller, admin)", description = "Only while unpaid or to ship, and before any "
            + "package left. Shipping is priced again for the new region from the freight templates: an unpaid "
            + "order's shipping_fee and pay_amount follow it (an adjusted fee is priced again too); a paid order "
            + "whose fee would change is 409 SHIPPING_FEE_CHANGED (cancel and order again, or ask the shop).")
    public OrderAck changeReceiver(@PathVariable UUID orderId,
                                   @Valid @RequestBody PurchaseRequests.ReceiverRequest body) {
        return commands.sendToOrder(new ChangeReceiver(orderId.toString(), actor.get(), body.receiver()));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_EXTENDABLE", "RECEIPT_ALREADY_EXTENDED"})
    @PostMapping("/{orderId}/extend-receipt")
    @Operation(operationId = "extendReceipt", summary = "Extend the receipt once (buyer)",
            description = "While shipped and before the automatic receipt is due: it moves by "
                    + "ORDERS_RECEIPT_EXTENSION (default 3 days). The detail shows the new auto_confirm_at.")
    public OrderAck extendReceipt(@PathVariable UUID orderId) {
        return commands.sendToOrder(new ExtendReceipt(orderId.toString(), actor.get()));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"}, conflict = {"ORDER_NOT_DELETABLE"})
    @DeleteMapping("/{orderId}")
    @Operation(operationId = "deleteOrder", summary = "Hide a finished order from the buyer's lists (buyer)", description = "Only completed, "
            + "cancelled or closed orders; the history stays. Deleting again is a no-op.")
    public OrderAck delete(@PathVariable UUID orderId) {
        return commands.sendToOrder(new DeleteOrder(orderId.toString(), actor.get()));
    }
}
