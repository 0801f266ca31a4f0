package io.ordersvc.command.order;

import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.money.Money;
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
            @Size(max = 512) String buyerRemark) {
    }

    record Item(@NotNull @Schema(example = "6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11") UUID skuId,
                @NotNull @Min(1) @Max(999) @Schema(example = "2") Integer quantity) {
    }

    record ReceiverRequest(
            @NotBlank @Size(max = 100) @Schema(example = "张三") @SingleLine String name,
            @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "must be a phone number")
            @Schema(example = "13800138000") String phone,
            @NotBlank @Size(max = 64) @Schema(example = "广东省") @SingleLine String province,
            @NotBlank @Size(max = 64) @Schema(example = "深圳市") @SingleLine String city,
            @NotBlank @Size(max = 64) @Schema(example = "南山区") @SingleLine String district,
            @NotBlank @Size(max = 512) @Schema(example = "科技园路 1 号") @SingleLine String address,
            @Size(max = 16) @Schema(example = "518000") @SingleLine String zipcode) {
    }

    record PayRequest(@NotNull @Schema(type = "string", example = "44.00") Money amount,
                      @NotNull @Schema(example = "wechat") PaymentChannel channel,
                      @NotBlank @Size(max = 64) @Schema(example = "4200001234202611220001") @SingleLine String transactionNo) {
    }

    record ShipRequest(@NotBlank @Size(max = 32) @Schema(example = "SF") @SingleLine String carrierCode,
                       @NotBlank @Size(max = 64) @Schema(example = "顺丰速运") @SingleLine String carrierName,
                       @NotBlank @Size(max = 64) @Schema(example = "SF1234567890") @SingleLine String trackingNo,
                       @Size(max = 100) List<@Valid @NotNull ShipLine> lines) {
    }

    record ShipLine(@NotNull UUID orderLineId, @NotNull @Min(1) @Max(999) Integer quantity) {
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
