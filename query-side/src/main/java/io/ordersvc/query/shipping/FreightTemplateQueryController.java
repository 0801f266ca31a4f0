package io.ordersvc.query.shipping;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.shipping.FreightTemplateQuery;
import io.ordersvc.shared.shipping.FreightTemplateQuery.FreightTemplatePage;
import io.ordersvc.shared.shipping.FreightTemplateQuery.FreightTemplateView;
import io.ordersvc.shared.shipping.FreightTemplateQuery.ListFreightTemplates;
import io.ordersvc.shared.shipping.FreightTemplateQuery.ShippingFeeQuery;
import io.ordersvc.shared.shipping.RegionCode;
import io.ordersvc.shared.shipping.ShippingFees;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Shipping fees")
public class FreightTemplateQueryController {

    private final QueryGateway queries;
    private final FreightTemplateQueries templates;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public FreightTemplateQueryController(QueryGateway queries, FreightTemplateQueries templates, ReadModelWait wait,
                                          CurrentActor actor) {
        this.queries = queries;
        this.templates = templates;
        this.wait = wait;
        this.actor = actor;
    }

    @RolesAllowed({SELLER, ADMIN})
    @GetMapping("/freight-templates")
    @Operation(operationId = "listFreightTemplates", summary = "Freight templates, newest first (seller: own shop; "
            + "admin: all, or one shop's)")
    public FreightTemplatePage list(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64)
                                    String shopId,
                                    @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new ListFreightTemplates(shopId, page, size, actor.get()), FreightTemplatePage.class)
                .join();
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"FREIGHT_TEMPLATE_NOT_FOUND"})
    @GetMapping("/freight-templates/{freightTemplateId}")
    @Operation(operationId = "getFreightTemplate", summary = "One freight template (its shop's seller, admin)")
    public ResponseEntity<FreightTemplateView> template(@PathVariable UUID freightTemplateId,
                                                        @RequestParam(name = "min_version", required = false)
                                                        @PositiveOrZero Long minVersion) {
        String id = freightTemplateId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> templates.version(id),
                () -> queries.query(new FreightTemplateQuery(id, caller), FreightTemplateView.class).join());
    }

    @ProblemCodes(notFound = {"FREIGHT_TEMPLATE_NOT_FOUND"}, unprocessable = {"REGION_NOT_DELIVERABLE"})
    @GetMapping("/shipping-fee")
    @Operation(operationId = "shippingFee", summary = "What shipping costs under a freight template (any signed-in "
            + "caller; seed 000 calculate-shipping)", description = "count: pieces; weight_grams: total weight (for "
            + "templates charged by weight); amount: what the goods cost (for free shipping by amount). rule is "
            + "\"default\" or the region code whose rule priced it; free_reason says why it is free (\"满¥99.00包邮\").")
    public ShippingFees.Quote shippingFee(
            @RequestParam(name = "freight_template_id") UUID freightTemplateId,
            @RequestParam(name = "region_code") @Pattern(regexp = RegionCode.PATTERN,
                    message = "must be a GB/T 2260 region code (110000, 110100, 110101)")
            @Parameter(example = "310104") String regionCode,
            @RequestParam(defaultValue = "1") @Min(0) @Max(1_000_000) long count,
            @RequestParam(name = "weight_grams", defaultValue = "0") @Min(0) @Max(1_000_000_000) long weightGrams,
            @RequestParam(defaultValue = "0.00") @DecimalMin("0.00") @Digits(integer = 11, fraction = 2)
            @Parameter(example = "88.00") BigDecimal amount) {
        Money goods = Money.of(amount);
        return queries.query(new ShippingFeeQuery(freightTemplateId.toString(), regionCode, count, weightGrams, goods),
                ShippingFees.Quote.class).join();
    }
}
