package io.ordersvc.query.shop;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.shop.ShopQuery;
import io.ordersvc.shared.shop.ShopQuery.ShopView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/shops")
@Tag(name = "Seller back-office")
public class ShopQueryController {

    private final QueryGateway queries;
    private final ShopQueries shops;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public ShopQueryController(QueryGateway queries, ShopQueries shops, ReadModelWait wait, CurrentActor actor) {
        this.queries = queries;
        this.shops = shops;
        this.wait = wait;
        this.actor = actor;
    }

    @ProblemCodes(notFound = {"SHOP_NOT_FOUND"})
    @GetMapping("/{shopId}")
    @Operation(operationId = "getShop", summary = "A shop's profile (anyone signed in)",
            description = "return_addresses only for the shop's sellers and admins. min_version: the version a "
                    + "save answered.")
    public ResponseEntity<ShopView> shop(@PathVariable @Pattern(regexp = "[A-Za-z0-9_.\\-]{1,64}",
                                                 message = "must be 1-64 letters, digits, '_', '.' or '-'")
                                         String shopId,
                                         @RequestParam(name = "min_version", required = false) @PositiveOrZero
                                         Long minVersion) {
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> shops.version(shopId),
                () -> queries.query(new ShopQuery(shopId, caller), ShopView.class).join());
    }
}
