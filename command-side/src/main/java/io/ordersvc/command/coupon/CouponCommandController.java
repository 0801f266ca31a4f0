package io.ordersvc.command.coupon;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.coupon.CouponCommand.ClaimCoupon;
import io.ordersvc.shared.coupon.CouponCommand.CreateCouponTemplate;
import io.ordersvc.shared.coupon.CouponCommand.ExchangeCoupon;
import io.ordersvc.shared.coupon.CouponCommand.GenerateCouponCodes;
import io.ordersvc.shared.coupon.CouponCommand.GrantCoupons;
import io.ordersvc.shared.coupon.CouponTerms;
import io.ordersvc.shared.coupon.CouponType;
import io.ordersvc.shared.coupon.CouponValidity;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.BUYER;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Coupons")
public class CouponCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public CouponCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record CouponTemplateRequest(
            @NotBlank @Size(max = 100) @SingleLine @Schema(example = "满200减20") String name,
            @NotNull @Schema(example = "amount") CouponType type,
            @MinAmount("0.01") @Schema(type = "string", example = "20.00",
                    description = "type amount: the sum off, at most 100000.00") Money amount,
            @DecimalMin("0.01") @DecimalMax("0.99") @Digits(integer = 1, fraction = 2)
            @Schema(example = "0.85", description = "type rate: what is paid (0.85 is 85折)") BigDecimal rate,
            @MinAmount("0.00") @Schema(type = "string", example = "200.00",
                    description = "what the goods it covers must reach, after member price and promotions; "
                            + "absent: 0.00") Money minSpend,
            @Size(max = 100) List<@NotBlank @Size(max = 64) @SingleLine String> categoryIds,
            @Size(max = 100) List<@NotBlank @Size(max = 64) @SingleLine String> excludeCategoryIds,
            @Size(max = 50) List<@NotNull @Min(0) @Max(1000) Integer> memberLevels,
            @NotNull @Min(1) @Max(100) @Schema(example = "1") Integer perBuyerLimit,
            @NotNull @Min(1) @Max(10_000_000) @Schema(example = "1000") Integer total,
            @NotNull @Schema(example = "2030-11-01T00:00:00Z") Instant claimFrom,
            @NotNull @Schema(example = "2030-11-12T00:00:00Z") Instant claimUntil,
            @Schema(example = "2030-11-01T00:00:00Z") Instant useFrom,
            @Schema(example = "2030-11-30T00:00:00Z") Instant useUntil,
            @Min(1) @Max(3650) @Schema(description = "instead of use_from/use_until: valid for this many days "
                    + "from receipt") Integer validDays) {

        CouponTerms terms(String shopId) {
            return new CouponTerms(shopId, type, amount, rate, minSpend, categoryIds, excludeCategoryIds,
                    memberLevels);
        }
    }

    record CouponCodesRequest(@NotNull @Min(1) @Max(CouponTemplate.MAX_CODES) @Schema(example = "3") Integer count) {
    }

    record CouponGrantRequest(@NotEmpty @Size(max = 100)
                        List<@NotBlank @Size(max = 64) @SingleLine String> buyerIds) {
    }

    record CouponExchangeRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9]{10}", message = "must be 10 letters or digits")
                           @Schema(example = "K7WQ2M9XHP") String code) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_COUPON_TEMPLATE"})
    @PostMapping("/coupon-templates")
    @Operation(operationId = "createCouponTemplate", summary = "Create a coupon template (seller: own shop; admin: "
            + "platform)", description = "type amount takes amount off; type rate makes the goods cost rate of "
            + "their price (the discount rounded down to the fen). Use window: use_from and use_until, or "
            + "valid_days from receipt. A template never changes: coupons already given keep their terms.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the template",
            useReturnTypeSchema = true)
    public ResponseEntity<CouponDesk.CouponTemplateAck> create(@Valid @RequestBody CouponTemplateRequest body) {
        Actor caller = actor.get();
        String id = ids.generateId().toString();
        String shop = caller.is(Role.SELLER) ? caller.shopId() : null;
        CouponDesk.CouponTemplateAck ack = commands.send(new CreateCouponTemplate(id, shop, body.name().strip(),
                body.terms(shop), body.perBuyerLimit(), body.total(), new CouponValidity(body.claimFrom(),
                body.claimUntil(), body.useFrom(), body.useUntil(), body.validDays()), caller));
        return ResponseEntity.created(URI.create("/api/v1/coupon-templates/" + id)).body(ack);
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"COUPON_TEMPLATE_NOT_FOUND"},
            unprocessable = {"COUPONS_EXHAUSTED", "COUPON_CLAIM_CLOSED"})
    @PostMapping("/coupon-templates/{couponTemplateId}/codes")
    @Operation(operationId = "generateCouponCodes", summary = "Generate one-use exchange codes (the template's "
            + "seller, admin)", description = "10 characters from 32 (no 0/O, 1/I): 50 random bits each. The codes "
            + "are shown here only (the service keeps their hashes); each reserves one coupon of the total.")
    @ApiResponse(responseCode = "201", description = "Generated", useReturnTypeSchema = true)
    public ResponseEntity<CouponTemplate.CouponCodesAck> codes(@PathVariable UUID couponTemplateId,
                                                         @Valid @RequestBody CouponCodesRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(commands.send(new GenerateCouponCodes(
                couponTemplateId.toString(), body.count(), actor.get()),
                () -> templateNotFound(couponTemplateId)));
    }

    @RolesAllowed({ADMIN})
    @ProblemCodes(notFound = {"COUPON_TEMPLATE_NOT_FOUND"},
            unprocessable = {"COUPONS_EXHAUSTED", "COUPON_CLAIM_CLOSED"})
    @PostMapping("/coupon-templates/{couponTemplateId}/grant")
    @Operation(operationId = "grantCoupons", summary = "Give a coupon to each of these buyers (admin)",
            description = "Buyers at the template's per-buyer limit are skipped and listed; when the total cannot "
                    + "cover the others, nobody gets one (422 COUPONS_EXHAUSTED). The claim window does not apply.")
    public CouponDesk.CouponGrantAck grant(@PathVariable UUID couponTemplateId, @Valid @RequestBody CouponGrantRequest body) {
        return commands.send(new GrantCoupons(couponTemplateId.toString(), List.copyOf(body.buyerIds()),
                actor.get()), () -> templateNotFound(couponTemplateId));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"COUPON_TEMPLATE_NOT_FOUND"}, unprocessable = {"COUPONS_EXHAUSTED",
            "COUPON_CLAIM_NOT_STARTED", "COUPON_CLAIM_CLOSED", "COUPON_LIMIT_REACHED"})
    @PostMapping("/coupon-templates/{couponTemplateId}/claim")
    @Operation(operationId = "claimCoupon", summary = "Claim a coupon of a template (buyer)",
            description = "Within the claim window, the total and the buyer's limit. version: the buyer's wallet, "
                    + "for GET /coupons?min_version=.")
    @ApiResponse(responseCode = "201", description = "Claimed", useReturnTypeSchema = true)
    public ResponseEntity<CouponDesk.CouponAck> claim(@PathVariable UUID couponTemplateId) {
        return ResponseEntity.status(HttpStatus.CREATED).body(commands.send(new ClaimCoupon(
                couponTemplateId.toString(), actor.get()), () -> templateNotFound(couponTemplateId)));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(unprocessable = {"INVALID_EXCHANGE_CODE", "COUPON_CLAIM_NOT_STARTED", "COUPON_CLAIM_CLOSED",
            "COUPON_LIMIT_REACHED"})
    @PostMapping("/coupons/exchange")
    @Operation(operationId = "exchangeCoupon", summary = "Exchange a code for a coupon (buyer)",
            description = "Each code works once, in any letter case. An unknown and a used code are answered "
                    + "alike: 422 INVALID_EXCHANGE_CODE.")
    @ApiResponse(responseCode = "201", description = "Exchanged", useReturnTypeSchema = true)
    public ResponseEntity<CouponDesk.CouponAck> exchange(@Valid @RequestBody CouponExchangeRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(commands.send(new ExchangeCoupon(body.code(),
                actor.get())));
    }

    private static Refusal templateNotFound(UUID id) {
        return Refusal.notFound("COUPON_TEMPLATE_NOT_FOUND", "no coupon template " + id);
    }
}
