package io.ordersvc.query.analytics;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.shared.analytics.AnalyticsQuery.Daily;
import io.ordersvc.shared.analytics.AnalyticsQuery.Funnel;
import io.ordersvc.shared.analytics.AnalyticsQuery.Products;
import io.ordersvc.shared.analytics.AnalyticsQuery.RefundReasons;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@Validated
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics")
@RolesAllowed({SELLER, ADMIN})
public class AnalyticsController {

    private final AnalyticsQueries analytics;
    private final AnalyticsScope scope;
    private final CurrentActor actor;

    public AnalyticsController(AnalyticsQueries analytics, AnalyticsScope scope, CurrentActor actor) {
        this.analytics = analytics;
        this.scope = scope;
        this.actor = actor;
    }

    private static final String RANGE = "from, to: dates (2026-11-30), inclusive, in the analytics zone "
            + "(ORDERS_ANALYTICS_ZONE, Asia/Shanghai by default); by default the last 30 days up to today; at most "
            + "366 days. A seller sees their shop; an admin the platform, or shop_id's.";

    @GetMapping("/daily")
    @Operation(operationId = "analyticsDaily", summary = "Daily figures: placed, paid, GMV, refunds, cancellations, "
            + "average order value, buyers, new buyers", description = RANGE)
    public Daily daily(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64) String shopId,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        AnalyticsScope.Range range = scope.of(actor.get(), shopId, from, to);
        return analytics.daily(range.shopId(), range.from(), range.to());
    }

    @GetMapping("/products")
    @Operation(operationId = "analyticsProducts", summary = "Top products by revenue or units, with refund rate",
            description = RANGE + " refund_rate: refunded amount over revenue.")
    public Products products(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64) String shopId,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             LocalDate to,
                             @RequestParam(defaultValue = "revenue") @Pattern(regexp = "^(revenue|quantity)$")
                             @Parameter(schema = @Schema(allowableValues = {"revenue", "quantity"})) String sort,
                             @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        AnalyticsScope.Range range = scope.of(actor.get(), shopId, from, to);
        return analytics.products(range.shopId(), range.from(), range.to(), "quantity".equals(sort), limit);
    }

    @GetMapping("/funnel")
    @Operation(operationId = "analyticsFunnel", summary = "Of the orders placed in the range: paid, shipped, "
            + "completed, refunded", description = RANGE)
    public Funnel funnel(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64) String shopId,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        AnalyticsScope.Range range = scope.of(actor.get(), shopId, from, to);
        return analytics.funnel(range.shopId(), range.from(), range.to());
    }

    @GetMapping("/refund-reasons")
    @Operation(operationId = "analyticsRefundReasons", summary = "Refund applications by reason, with the amounts "
            + "asked", description = RANGE)
    public RefundReasons refundReasons(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64)
                                       String shopId,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate to) {
        AnalyticsScope.Range range = scope.of(actor.get(), shopId, from, to);
        return analytics.refundReasons(range.shopId(), range.from(), range.to());
    }
}
