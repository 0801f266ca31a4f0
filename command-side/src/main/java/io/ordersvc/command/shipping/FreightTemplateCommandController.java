package io.ordersvc.command.shipping;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ordersvc.command.shipping.FreightTemplate.TemplateAck;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.shipping.ChargeBy;
import io.ordersvc.shared.shipping.FreightRules;
import io.ordersvc.shared.shipping.FreightTemplateCommand.CreateFreightTemplate;
import io.ordersvc.shared.shipping.FreightTemplateCommand.ReplaceFreightTemplate;
import io.ordersvc.shared.shipping.RegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1/freight-templates")
@Tag(name = "Shipping fees")
public class FreightTemplateCommandController {

    static final String REGION_MESSAGE = "must be a GB/T 2260 region code (110000, 110100, 110101)";

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public FreightTemplateCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record ChargeRequest(@NotNull @Min(1) @Max(1_000_000_000) @Schema(example = "1") Long first,
                         @NotNull @MinAmount("0.00") @Schema(type = "string", example = "8.00") Money firstFee,
                         @NotNull @Min(0) @Max(1_000_000_000) @Schema(example = "1") Long additional,
                         @NotNull @MinAmount("0.00") @Schema(type = "string", example = "2.00") Money additionalFee) {
        FreightRules.Charge charge() {
            return new FreightRules.Charge(first, firstFee, additional, additionalFee);
        }
    }

    record RegionRequest(@NotEmpty @Size(max = 500) @ArraySchema(schema = @Schema(example = "540000"))
                         List<@NotNull @Pattern(regexp = RegionCode.PATTERN, message = REGION_MESSAGE) String> regionCodes,
                         @NotNull @Min(1) @Max(1_000_000_000) @Schema(example = "1") Long first,
                         @NotNull @MinAmount("0.00") @Schema(type = "string", example = "20.00") Money firstFee,
                         @NotNull @Min(0) @Max(1_000_000_000) @Schema(example = "1") Long additional,
                         @NotNull @MinAmount("0.00") @Schema(type = "string", example = "10.00") Money additionalFee) {
    }

    record FreeShippingRequest(@Size(max = 500) @ArraySchema(schema = @Schema(example = "310000"))
                               List<@NotNull @Pattern(regexp = RegionCode.PATTERN, message = REGION_MESSAGE) String> regionCodes,
                               @MinAmount("0.00") @Schema(type = "string", example = "99.00") Money minAmount,
                               @Positive @Max(1_000_000) @Schema(example = "3") Integer minCount) {
    }

    record TemplateRequest(@NotBlank @Size(max = 100) @SingleLine @Schema(example = "江浙沪包邮") String name,
                           @NotNull @Schema(example = "count") ChargeBy chargeBy,
                           @NotNull @Valid @JsonProperty("default") ChargeRequest defaultCharge,
                           @Size(max = 100) List<@Valid @NotNull RegionRequest> regions,
                           @Size(max = 50) List<@Valid @NotNull FreeShippingRequest> freeShipping,
                           @Size(max = 500) @ArraySchema(schema = @Schema(example = "710000"))
                           List<@NotNull @Pattern(regexp = RegionCode.PATTERN, message = REGION_MESSAGE) String>
                                   undeliverableRegions,
                           @Size(max = 64) @Schema(description = "admin only: the shop the template belongs to")
                           String shopId) {
        FreightRules rules() {
            return new FreightRules(name.strip(), chargeBy, defaultCharge.charge(),
                    regions == null ? List.of() : regions.stream().map(r -> new FreightRules.RegionCharge(
                            r.regionCodes(), r.first(), r.firstFee(), r.additional(), r.additionalFee())).toList(),
                    freeShipping == null ? List.of() : freeShipping.stream().map(f -> new FreightRules.FreeShipping(
                            f.regionCodes(), f.minAmount(), f.minCount())).toList(),
                    undeliverableRegions);
        }
    }

    record TemplateCreatedAck(String freightTemplateId, long version) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_FREIGHT_RULES", "SHOP_REQUIRED"})
    @PostMapping
    @Operation(operationId = "createFreightTemplate", summary = "Create a freight template (seller, admin)",
            description = "Charges by count or by weight (grams), per region (GB/T 2260 codes: the most specific "
                    + "matching rule wins), free shipping by amount and/or count, and regions not delivered to.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new template",
            useReturnTypeSchema = true)
    public ResponseEntity<TemplateCreatedAck> create(@Valid @RequestBody TemplateRequest body) {
        Actor caller = actor.get();
        String shopId = caller.owningShop(body.shopId());
        String id = ids.generateId().toString();
        commands.send(new CreateFreightTemplate(id, shopId, body.rules(), caller));
        return ResponseEntity.created(URI.create("/api/v1/freight-templates/" + id))
                .body(new TemplateCreatedAck(id, 0));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"FREIGHT_TEMPLATE_NOT_FOUND"}, unprocessable = {"INVALID_FREIGHT_RULES"})
    @PutMapping("/{freightTemplateId}")
    @Operation(operationId = "replaceFreightTemplate", summary = "Replace a freight template's rules (seller, admin)",
            description = "Orders placed before keep the fee they were charged.")
    public TemplateAck replace(@PathVariable UUID freightTemplateId, @Valid @RequestBody TemplateRequest body) {
        return commands.send(new ReplaceFreightTemplate(freightTemplateId.toString(), body.rules(), actor.get()),
                () -> Refusal.freightTemplateNotFound(freightTemplateId.toString()));
    }
}
