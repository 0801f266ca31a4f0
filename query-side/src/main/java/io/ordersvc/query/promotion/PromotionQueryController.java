package io.ordersvc.query.promotion;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.promotion.PromotionQuery;
import io.ordersvc.shared.promotion.PromotionQuery.ListPromotions;
import io.ordersvc.shared.promotion.PromotionQuery.PromotionPage;
import io.ordersvc.shared.promotion.PromotionQuery.PromotionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import java.util.UUID;

@RestController
@RequestMapping("/api/v1/promotions")
@Tag(name = "Promotions and member levels")
public class PromotionQueryController {

    private final QueryGateway queries;
    private final PromotionQueries promotions;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public PromotionQueryController(QueryGateway queries, PromotionQueries promotions, ReadModelWait wait,
                                    CurrentActor actor) {
        this.queries = queries;
        this.promotions = promotions;
        this.wait = wait;
        this.actor = actor;
    }

    @GetMapping
    @Operation(operationId = "listPromotions", summary = "Promotions, newest first (anyone signed in)",
            description = "shop_id: that shop's and the platform's; platform=true: the platform's only; active=true: "
                    + "running now, false: scheduled or ended. A seller without shop_id sees their own shop's.")
    public PromotionPage list(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64) String shopId,
                              @RequestParam(required = false) @Pattern(regexp = "true|false",
                                      message = "must be true or false")
                              @Schema(allowableValues = {"true", "false"}) String active,
                              @RequestParam(required = false) @Pattern(regexp = "true|false",
                                      message = "must be true or false")
                              @Schema(allowableValues = {"true", "false"}) String platform,
                              @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Actor caller = actor.get();
        String shop = shopId == null && caller.shopId() != null ? caller.shopId() : shopId;
        return queries.query(new ListPromotions(shop, active == null ? null : Boolean.valueOf(active),
                Boolean.parseBoolean(platform), page, size, caller), PromotionPage.class).join();
    }

    @ProblemCodes(notFound = {"PROMOTION_NOT_FOUND"})
    @GetMapping("/{promotionId}")
    @Operation(operationId = "getPromotion", summary = "One promotion with its terms and status (anyone signed in)")
    public ResponseEntity<PromotionView> promotion(@PathVariable UUID promotionId,
                                                   @RequestParam(name = "min_version", required = false)
                                                   @PositiveOrZero Long minVersion) {
        String id = promotionId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> promotions.version(id),
                () -> queries.query(new PromotionQuery(id, caller), PromotionView.class).join());
    }
}
