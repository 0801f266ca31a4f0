package io.ordersvc.command.checkout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ordersvc.command.web.Commands;
import io.ordersvc.command.web.PurchaseRequests.CouponRequest;
import io.ordersvc.command.web.PurchaseRequests.GiftCardRequest;
import io.ordersvc.command.web.PurchaseRequests.GiftChoiceRequest;
import io.ordersvc.command.web.PurchaseRequests.InvoiceRequest;
import io.ordersvc.command.web.PurchaseRequests.Item;
import io.ordersvc.command.web.PurchaseRequests.ReceiverRequest;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.checkout.CheckoutCommand.PreviewCheckout;
import io.ordersvc.shared.checkout.CheckoutCommand.SubmitCheckout;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.shared.checkout.CheckoutPreview;
import io.ordersvc.shared.checkout.CheckoutRequest;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1/checkouts")
@Tag(name = "Checkout")
public class CheckoutController {

    private final Commands commands;
    private final CurrentActor actor;

    public CheckoutController(Commands commands, CurrentActor actor) {
        this.commands = commands;
        this.actor = actor;
    }

    record CheckoutBody(@NotNull @Schema(example = "buy_now", description = "buy_now: the items sent; cart: the "
                                + "cart's items named in cart_item_ids, or (none named) the selected ones")
                        CheckoutRequest.Source source,
                        @Size(max = 200) List<@Valid @NotNull Item> items,
                        @Size(max = 200) List<@NotNull UUID> cartItemIds,
                        @Schema(example = "physical", defaultValue = "physical") OrderType orderType,
                        @NotNull @Valid ReceiverRequest receiver,
                        @Size(max = 20) List<@Valid @NotNull GiftChoiceRequest> giftChoices,
                        @Valid CouponRequest coupon,
                        @Min(0) @Max(100_000_000) @Schema(example = "0") Long usePoints,
                        @MinAmount("0.00") @Schema(type = "string", example = "0.00") Money useBalance,
                        @Valid GiftCardRequest giftCard,
                        @Valid InvoiceRequest invoice,
                        @Size(max = 512) String buyerRemark,
                        @MinAmount("0.00") @Schema(type = "string", example = "319.00", description = "the pay_amount "
                                + "the buyer saw: a different one is 409 PRICE_CHANGED with the fresh preview")
                        Money expectedPayAmount) {

        @JsonIgnore
        @AssertTrue(message = "buy_now sends items (and no cart_item_ids); cart sends no items")
        public boolean isGoodsNamedOnce() {
            return source == CheckoutRequest.Source.CART ? items == null
                    : items != null && !items.isEmpty() && cartItemIds == null;
        }

        CheckoutRequest request() {
            return new CheckoutRequest(source, cartItemIds == null ? null
                    : cartItemIds.stream().map(UUID::toString).toList(), orderType,
                    items == null ? List.of() : items.stream().map(Item::item).toList(), receiver.receiver(),
                    GiftChoiceRequest.all(giftChoices),
                    CouponRequest.couponId(coupon), CouponRequest.exchangeCode(coupon),
                    usePoints == null ? 0 : usePoints, useBalance, GiftCardRequest.choice(giftCard),
                    InvoiceRequest.of(invoice), buyerRemark, expectedPayAmount);
        }
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"CART_ITEM_NOT_FOUND"}, unprocessable = {"NO_ITEMS"})
    @PostMapping("/preview")
    @Operation(operationId = "previewCheckout", summary = "What a checkout would cost, shop by shop (buyer)",
            description = "Changes nothing. Member price, the best combination of promotions, gifts, shipping by "
                    + "the lines' freight templates, the invoice fee: the numbers a submit of the same body places. "
                    + "Lines that cannot be bought now are valid=false with their problem; errors lists every "
                    + "problem a submit would be refused for.")
    public CheckoutPreview preview(@Valid @RequestBody CheckoutBody body) {
        return commands.send(new PreviewCheckout(body.request(), actor.get()));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"CART_ITEM_NOT_FOUND"}, conflict = {"OUT_OF_STOCK", "PRICE_CHANGED", "BUYER_ERASED"},
            unprocessable = {"NO_ITEMS", "UNKNOWN_SKU", "OFF_SHELF",
            "OVER_PURCHASE_LIMIT", "NOT_EXCHANGEABLE_FOR_POINTS", "GIFT_NOT_OFFERED", "REGION_CODE_REQUIRED",
            "REGION_NOT_DELIVERABLE", "INSUFFICIENT_POINTS", "INSUFFICIENT_BALANCE", "POINTS_OVER_LIMIT", "BALANCE_OVER_TOTAL", "INVALID_POINTS",
            "GIFT_CARD_NOT_FOUND", "GIFT_CARD_EXPIRED", "INSUFFICIENT_GIFT_CARD", "GIFT_CARD_OVER_TOTAL",
            "COUPON_NOT_FOUND"})
    @PostMapping
    @Operation(operationId = "submitCheckout", summary = "Check out (buyer): one order per shop, sharing pay_no",
            description = "The same body as the preview. Stock for every order is taken in one transaction, or "
                    + "none; bought cart items leave the cart in the same transaction. expected_pay_amount different from the new pay_amount is 409 PRICE_CHANGED with the "
                    + "fresh preview in preview. A pay_amount of 0.00 is paid at once.")
    @ApiResponse(responseCode = "201", description = "Placed", useReturnTypeSchema = true)
    public ResponseEntity<CheckoutPlaced> submit(@Valid @RequestBody CheckoutBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(commands.send(new SubmitCheckout(body.request(), false, actor.get())));
    }
}
