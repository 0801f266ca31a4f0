package io.ordersvc.query.cart;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.cart.CartQuery;
import io.ordersvc.shared.cart.CartQuery.CartView;
import io.ordersvc.shared.identity.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1/cart")
@Tag(name = "Cart")
public class CartQueryController {

    private final QueryGateway queries;
    private final CartQueries carts;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public CartQueryController(QueryGateway queries, CartQueries carts, ReadModelWait wait, CurrentActor actor) {
        this.queries = queries;
        this.carts = carts;
        this.wait = wait;
        this.actor = actor;
    }

    @RolesAllowed({BUYER})
    @GetMapping
    @Operation(operationId = "getCart", summary = "The buyer's cart, priced now (buyer)", description = "Items by "
            + "shop, the shop of the newest item first, newest items first. Each item: the price now, the member "
            + "price, the price when added, and valid/problem (off_shelf, out_of_stock, insufficient_stock, "
            + "over_purchase_limit make it invalid; price_changed is a notice, the item is still valid). Each "
            + "shop's promotions say what the selected items reach and what is missing for the next tier. The "
            + "summary prices the selected valid items exactly as a checkout does (before coupon and shipping). "
            + "min_version: the version a cart command answered (read-your-writes).")
    public ResponseEntity<CartView> cart(@RequestParam(name = "min_version", required = false)
                                         @PositiveOrZero Long minVersion) {
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> carts.version(caller.id()),
                () -> queries.query(new CartQuery(caller.id()), CartView.class).join());
    }
}
