package io.ordersvc.command.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.checkout.CheckoutRequest;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.Invoice;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.shipping.RegionCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The parts of a purchase's body that POST /orders and the checkout endpoints share, validated the same way. */
public final class PurchaseRequests {

    private PurchaseRequests() {
    }

    public record Item(@NotNull @Schema(example = "6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11") UUID skuId,
                       @NotNull @Min(1) @Max(999) @Schema(example = "2") Integer quantity) {

        public CheckoutRequest.Item item() {
            return new CheckoutRequest.Item(skuId.toString(), quantity);
        }
    }

    public record ReceiverRequest(
            @NotBlank @Size(max = 100) @Schema(example = "张三") @SingleLine String name,
            @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "must be a phone number")
            @Schema(example = "13800138000") String phone,
            @NotBlank @Size(max = 64) @Schema(example = "广东省") @SingleLine String province,
            @NotBlank @Size(max = 64) @Schema(example = "深圳市") @SingleLine String city,
            @NotBlank @Size(max = 64) @Schema(example = "南山区") @SingleLine String district,
            @NotBlank @Size(max = 512) @Schema(example = "科技园路 1 号") @SingleLine String address,
            @Size(max = 16) @Schema(example = "518000") @SingleLine String zipcode,
            @Pattern(regexp = RegionCode.PATTERN, message = "must be a GB/T 2260 region code (the district's)")
            @Schema(example = "440305", description = "the district's GB/T 2260 code; needed when a line ships by "
                    + "a freight template") String regionCode) {

        public Receiver receiver() {
            return new Receiver(name.strip(), phone.strip(), province, city, district, address, zipcode, regionCode);
        }
    }

    public record GiftChoiceRequest(@NotNull UUID promotionId, @NotNull UUID skuId,
                                    @NotNull @Min(1) @Max(999) @Schema(example = "1") Integer quantity) {

        public CheckoutRequest.GiftChoice choice() {
            return new CheckoutRequest.GiftChoice(promotionId.toString(), skuId.toString(), quantity);
        }

        public static List<CheckoutRequest.GiftChoice> all(List<GiftChoiceRequest> choices) {
            return choices == null ? List.of() : choices.stream().map(GiftChoiceRequest::choice).toList();
        }
    }

    /** company: a title and an 18-character unified social credit code with its check character. */
    public record InvoiceRequest(@NotNull @Schema(example = "company") Invoice.Type type,
                                 @Size(max = 200) @SingleLine @Schema(example = "上海某某科技有限公司") String title,
                                 @Schema(example = "91350100M000100Y43") String taxNumber) {

        @JsonIgnore
        @AssertTrue(message = "a company invoice needs a title and a valid 18-character tax_number; "
                + "a personal one a title")
        public boolean isComplete() {
            return switch (type == null ? Invoice.Type.NONE : type) {
                case NONE -> true;
                case PERSONAL -> title != null && !title.isBlank();
                case COMPANY -> title != null && !title.isBlank() && Invoice.validTaxNumber(taxNumber);
            };
        }

        public static Invoice of(InvoiceRequest request) {
            return request == null ? null : new Invoice(request.type(), request.title() == null ? null
                    : request.title().strip(), request.taxNumber());
        }
    }

    public record CouponRequest(UUID couponId, @Size(min = 10, max = 10) @SingleLine String exchangeCode) {

        public static String couponId(CouponRequest coupon) {
            return coupon == null || coupon.couponId() == null ? null : coupon.couponId().toString();
        }

        public static String exchangeCode(CouponRequest coupon) {
            return coupon == null ? null : coupon.exchangeCode();
        }
    }

    public record GiftCardRequest(@NotNull @Size(min = 1, max = 32) @SingleLine String number,
                                  @NotNull @MinAmount("0.01") @Schema(type = "string", example = "50.00")
                                  Money amount) {

        public static CheckoutRequest.GiftCardChoice choice(GiftCardRequest card) {
            return card == null ? null : new CheckoutRequest.GiftCardChoice(card.number(), card.amount());
        }
    }
}
