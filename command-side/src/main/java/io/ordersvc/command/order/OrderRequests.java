package io.ordersvc.command.order;

import io.ordersvc.command.web.PurchaseRequests.CouponRequest;
import io.ordersvc.command.web.PurchaseRequests.GiftCardRequest;
import io.ordersvc.command.web.PurchaseRequests.GiftChoiceRequest;
import io.ordersvc.command.web.PurchaseRequests.InvoiceRequest;
import io.ordersvc.command.web.PurchaseRequests.Item;
import io.ordersvc.command.web.PurchaseRequests.ReceiverRequest;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.OrderType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Request bodies of the order commands, validated before anything is sent. */
final class OrderRequests {

    private OrderRequests() {
    }

    record PlaceOrderRequest(
            @NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items,
            @Schema(example = "physical", defaultValue = "physical") OrderType orderType,
            @NotNull @Valid ReceiverRequest receiver,
            @Size(max = 512) String buyerRemark,
            @Size(max = 20) List<@Valid @NotNull GiftChoiceRequest> giftChoices,
            @Valid InvoiceRequest invoice,
            @MinAmount("0.00") @Schema(type = "string", example = "44.00", description = "the pay_amount the buyer "
                    + "saw: a different one is 409 PRICE_CHANGED with the fresh preview") Money expectedPayAmount,
            @Valid CouponRequest coupon,
            @Min(0) @Max(100_000_000) @Schema(example = "0") Long usePoints,
            @MinAmount("0.00") @Schema(type = "string", example = "0.00") Money useBalance,
            @Valid GiftCardRequest giftCard,
            @Valid @Schema(description = "a group order (拼团): group_buy_id opens a group, group_id joins one; "
                    + "one item, the group buy's SKU") GroupRequest group) {

        PlaceOrder.Assets assets() {
            return new PlaceOrder.Assets(CouponRequest.couponId(coupon), CouponRequest.exchangeCode(coupon),
                    usePoints == null ? 0 : usePoints, useBalance, GiftCardRequest.choice(giftCard));
        }
    }

    record GroupRequest(@Schema(description = "open a new group of this group buy") UUID groupBuyId,
                        @Schema(description = "join this group (its share link)") UUID groupId) {

        PlaceOrder.GroupChoice choice() {
            return new PlaceOrder.GroupChoice(groupBuyId == null ? null : groupBuyId.toString(),
                    groupId == null ? null : groupId.toString());
        }
    }

    record PayRequest(@NotNull @Schema(type = "string", example = "44.00") Money amount,
                      @NotNull @Schema(example = "wechat") PaymentChannel channel,
                      @NotBlank @Size(max = 64) @Schema(example = "4200001234202611220001") @SingleLine String transactionNo) {

        /** none is what checkout records for an order that costs nothing, never a gateway's channel. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        @jakarta.validation.constraints.AssertTrue(message = "none is not a payment channel")
        public boolean isGatewayChannel() {
            return channel != PaymentChannel.NONE;
        }
    }

    record ShipRequest(@NotBlank @Size(max = 32) @Schema(example = "SF") @SingleLine String carrierCode,
                       @NotBlank @Size(max = 64) @Schema(example = "顺丰速运") @SingleLine String carrierName,
                       @NotBlank @Size(max = 64) @Schema(example = "SF1234567890") @SingleLine String trackingNo,
                       @Size(max = 100) List<@Valid @NotNull ShipLine> lines) {
    }

    record ShipLine(@NotNull UUID orderLineId, @NotNull @Min(1) @Max(999) Integer quantity) {
    }

    record InvoiceRecord(@NotBlank @Size(max = 64) @SingleLine @Schema(example = "044031900111-12345678")
                         String invoiceNo,
                         @Size(max = 1024) @io.ordersvc.platform.web.validation.WebUrl
                         @Schema(example = "https://invoice.example.com/044031900111-12345678.pdf") String url) {
    }

    record CancelRequest(@NotBlank @Size(max = 512) @Schema(example = "不想要了") String reason) {
    }

    record ReviewRequest(@NotNull @Min(1) @Max(5) @Schema(example = "5") Integer rating,
                         @Size(max = 2000) @Schema(example = "物流很快，质量很好") String content) {
    }

    record ShipmentAck(String shipmentId, String orderId, io.ordersvc.shared.order.OrderStatus status,
                       long version) {
    }
}
