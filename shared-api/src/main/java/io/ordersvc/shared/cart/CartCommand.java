package io.ordersvc.shared.cart;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A buyer's cart (seed 002 cart, API.md "Cart"): one aggregate per buyer, created by the first item. */
public sealed interface CartCommand extends ActorAware {

    /** At most this many items in a cart (API.md): the 201st is refused with 422 CART_FULL. */
    int MAX_ITEMS = 200;
    /** At most this many units of one item, as in one order line. */
    int MAX_QUANTITY = 999;

    /** A buyer's cart aggregate: its id is the buyer's, prefixed so that it never meets another aggregate's. */
    static String cartId(String buyerId) {
        return "cart-" + buyerId;
    }

    String cartId();

    /** itemId: the id a new item gets (an item of the same SKU already there grows instead and keeps its id). */
    record AddCartItem(@TargetAggregateIdentifier String cartId, String itemId, String skuId, int quantity,
                       Actor actor) implements CartCommand {
    }

    /** quantity and selected: null leaves them as they are. */
    record ChangeCartItem(@TargetAggregateIdentifier String cartId, String itemId, Integer quantity,
                          Boolean selected, Actor actor) implements CartCommand {
    }

    record RemoveCartItem(@TargetAggregateIdentifier String cartId, String itemId, Actor actor)
            implements CartCommand {
    }

    /** itemIds null: every item. */
    record SelectCartItems(@TargetAggregateIdentifier String cartId, List<String> itemIds, boolean selected,
                           Actor actor) implements CartCommand {
    }
}
