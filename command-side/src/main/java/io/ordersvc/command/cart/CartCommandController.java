package io.ordersvc.command.cart;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.shared.cart.CartCommand;
import io.ordersvc.shared.cart.CartCommand.AddCartItem;
import io.ordersvc.shared.cart.CartCommand.ChangeCartItem;
import io.ordersvc.shared.cart.CartCommand.RemoveCartItem;
import io.ordersvc.shared.cart.CartCommand.SelectCartItems;
import io.ordersvc.shared.identity.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1/cart")
@Tag(name = "Cart")
public class CartCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public CartCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record AddRequest(@NotNull @Schema(example = "6f1c3f5e-8d1e-4c43-9a55-2f1f7a0c9b11") UUID skuId,
                      @NotNull @Min(1) @Max(CartCommand.MAX_QUANTITY) @Schema(example = "2") Integer quantity) {
    }

    record ChangeRequest(@Min(1) @Max(CartCommand.MAX_QUANTITY) @Schema(example = "3") Integer quantity,
                         @Schema(example = "true") Boolean selected) {

        @AssertTrue(message = "send quantity, selected or both")
        @JsonIgnore
        boolean isQuantityOrSelected() {
            return quantity != null || selected != null;
        }
    }

    record SelectionRequest(@Size(min = 1, max = CartCommand.MAX_ITEMS) List<@NotNull UUID> itemIds,
                            @Schema(example = "true", description = "true: every item (instead of item_ids)")
                            Boolean all,
                            @NotNull @Schema(example = "false") Boolean selected) {

        @AssertTrue(message = "send item_ids or \"all\": true, not both")
        @JsonIgnore
        boolean isItemIdsOrAll() {
            return (itemIds != null) != Boolean.TRUE.equals(all);
        }
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(unprocessable = {"UNKNOWN_SKU", "OFF_SHELF", "CART_FULL", "QUANTITY_TOO_LARGE"})
    @PostMapping("/items")
    @Operation(operationId = "addCartItem", summary = "Put a SKU in the cart (buyer)", description = "An item of "
            + "the same SKU grows by the quantity (200, its item_id) and is selected again; otherwise a new item "
            + "starts selected (201), priced at price_when_added. Off-shelf products are refused; stock and purchase "
            + "limits show as the item's problem in GET /cart. At most 200 items (422 CART_FULL) of at most 999 units "
            + "(422 QUANTITY_TOO_LARGE).")
    @ApiResponse(responseCode = "201", description = "A new item", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Added to the item of the same SKU", useReturnTypeSchema = true)
    public ResponseEntity<Cart.CartAck> add(@Valid @RequestBody AddRequest body) {
        Actor buyer = actor.get();
        String itemId = ids.generateId().toString();
        Cart.CartAck ack = commands.send(new AddCartItem(CartCommand.cartId(buyer.id()), itemId,
                body.skuId().toString(), body.quantity(), buyer));
        return ResponseEntity.status(itemId.equals(ack.itemId()) ? HttpStatus.CREATED : HttpStatus.OK).body(ack);
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"CART_ITEM_NOT_FOUND"}, unprocessable = {"QUANTITY_TOO_LARGE"})
    @PatchMapping("/items/{itemId}")
    @Operation(operationId = "changeCartItem", summary = "Change an item's quantity or selection (buyer)")
    public Cart.CartAck change(@PathVariable UUID itemId, @Valid @RequestBody ChangeRequest body) {
        Actor buyer = actor.get();
        return commands.send(new ChangeCartItem(CartCommand.cartId(buyer.id()), itemId.toString(), body.quantity(),
                body.selected(), buyer));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"CART_ITEM_NOT_FOUND"})
    @DeleteMapping("/items/{itemId}")
    @Operation(operationId = "removeCartItem", summary = "Take an item out of the cart (buyer)")
    public Cart.CartAck remove(@PathVariable UUID itemId) {
        Actor buyer = actor.get();
        return commands.send(new RemoveCartItem(CartCommand.cartId(buyer.id()), itemId.toString(), buyer));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(notFound = {"CART_ITEM_NOT_FOUND"})
    @PostMapping("/selection")
    @Operation(operationId = "selectCartItems", summary = "Select or deselect items, or all of them (buyer)",
            description = "Every id must be in the cart (404 CART_ITEM_NOT_FOUND otherwise, nothing changes).")
    public Cart.CartAck select(@Valid @RequestBody SelectionRequest body) {
        Actor buyer = actor.get();
        List<String> itemIds = body.itemIds() == null ? null : body.itemIds().stream().map(UUID::toString).toList();
        return commands.send(new SelectCartItems(CartCommand.cartId(buyer.id()), itemIds, body.selected(), buyer));
    }
}
