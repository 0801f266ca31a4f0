package io.ordersvc.command.promotion;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionCommand.CreatePromotion;
import io.ordersvc.shared.promotion.PromotionCommand.EndPromotion;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionType;
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
import jakarta.validation.constraints.Size;
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
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1/promotions")
@Tag(name = "Promotions and member levels")
public class PromotionCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public PromotionCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record TierRequest(@MinAmount("0.01") @Schema(type = "string", example = "300.00") Money thresholdAmount,
                       @Min(1) @Max(1_000_000) Integer thresholdCount,
                       @MinAmount("0.01") @Schema(type = "string", example = "50.00") Money reduction,
                       @DecimalMin("0.00") @DecimalMax("0.99") @Digits(integer = 1, fraction = 2)
                       @Schema(example = "0.8", description = "0.8 is 8折") BigDecimal discountRate) {
    }

    record GiftRequest(@NotNull UUID skuId,
                       @NotNull @MinAmount("0.00") @Schema(type = "string", example = "0.00") Money price,
                       @NotNull @Min(1) @Max(1000) @Schema(example = "1") Integer maxSelect) {
    }

    record PromotionRequest(@NotBlank @Size(max = 100) @SingleLine @Schema(example = "满300减50") String name,
                            @NotNull @Schema(example = "full_reduction") PromotionType type,
                            @NotNull @Schema(example = "2030-11-11T00:00:00Z") Instant startsAt,
                            @NotNull @Schema(example = "2030-11-12T00:00:00Z") Instant endsAt,
                            @Size(max = 500) @Schema(description = "absent: the whole shop (every shop when "
                                    + "platform-wide)") List<@NotNull UUID> productIds,
                            @NotEmpty @Size(max = 20) List<@Valid @NotNull TierRequest> tiers,
                            @Schema(description = "full reduction with one tier: for every threshold reached")
                            Boolean repeat,
                            @MinAmount("0.01") @Schema(type = "string", example = "200.00") Money maxReduction,
                            @Size(max = 50) List<@Valid @NotNull GiftRequest> gifts,
                            @Size(max = 50) List<@NotNull @Min(0) @Max(1000) Integer> memberLevels) {

        PromotionRules rules() {
            return new PromotionRules(name.strip(), type, startsAt, endsAt,
                    productIds == null ? List.of() : productIds.stream().map(UUID::toString).toList(),
                    tiers.stream().map(t -> new PromotionRules.Tier(t.thresholdAmount(), t.thresholdCount(),
                            t.reduction(), t.discountRate())).toList(),
                    repeat != null && repeat, maxReduction,
                    gifts == null ? List.of() : gifts.stream().map(g -> new PromotionRules.Gift(g.skuId().toString(),
                            g.price(), g.maxSelect())).toList(),
                    memberLevels);
        }
    }

    record PromotionCreatedAck(String promotionId, long version) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_PROMOTION"})
    @PostMapping
    @Operation(operationId = "createPromotion", summary = "Run a promotion (seller: own shop; admin: platform-wide)",
            description = "full_reduction 满减 (tiers by amount or count, or every ¥N with repeat, capped by "
                    + "max_reduction), full_discount 满N件打折 (discount_rate), add_on_purchase 加价购 and free_gift 满赠 "
                    + "(gifts the buyer may choose once a tier is reached). Terms never change: end it and create "
                    + "another.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new promotion",
            useReturnTypeSchema = true)
    public ResponseEntity<PromotionCreatedAck> create(@Valid @RequestBody PromotionRequest body) {
        Actor caller = actor.get();
        String id = ids.generateId().toString();
        commands.send(new CreatePromotion(id, caller.is(Role.SELLER) ? caller.shopId() : null, body.rules(), caller));
        return ResponseEntity.created(URI.create("/api/v1/promotions/" + id)).body(new PromotionCreatedAck(id, 0));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"PROMOTION_NOT_FOUND"}, conflict = {"PROMOTION_ENDED"})
    @PostMapping("/{promotionId}/end")
    @Operation(operationId = "endPromotion", summary = "End a promotion now (its shop's seller, admin)",
            description = "Checkouts from now on no longer get it; orders placed before keep their prices.")
    public Promotion.PromotionAck end(@PathVariable UUID promotionId) {
        return commands.send(new EndPromotion(promotionId.toString(), actor.get()),
                () -> Refusal.promotionNotFound(promotionId.toString()));
    }
}
