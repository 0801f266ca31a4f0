package io.ordersvc.command.cart;

import io.ordersvc.command.support.LockOrder;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.cart.CartCommand;
import io.ordersvc.shared.cart.CartCommand.AddCartItem;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.error.Refusal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the cart needs from outside itself: the catalog's word on a SKU being added, and a checkout taking the
 * items it buys in the checkout's own unit of work (so the items leave the cart exactly when the orders are placed).
 */
@Component
@FeatureApi
public class CartDesk {

    /** A SKU as a cart adds it: its catalog facts, and whether it may be put in a cart now. */
    public record Offer(Cart.Added sku, String productName, boolean onShelf) {
    }

    /** The catalog as the cart asks it; a SKU that does not exist is empty. */
    @FunctionalInterface
    public interface Catalog {
        Optional<Offer> offer(String skuId);
    }

    private final Repository<Cart> carts;
    private final Catalog catalog;

    public CartDesk(Repository<Cart> carts, Catalog catalog) {
        this.carts = carts;
        this.catalog = catalog;
    }

    /** POST /cart/items: an off-shelf product is refused; stock and limits show in the cart, not here. */
    @CommandHandler
    public Cart.CartAck handle(AddCartItem cmd, Clock clock) {
        Cart.owner(cmd);
        Aggregate<Cart> cart = LockOrder.loadOrCreate(carts, LockOrder.Rank.CART, cmd.cartId(), Cart::new);
        Offer offer = catalog.offer(cmd.skuId())
                .orElseThrow(() -> Refusal.unprocessable("UNKNOWN_SKU", "sku " + cmd.skuId() + " does not exist"));
        if (!offer.onShelf()) {
            throw Refusal.unprocessable("OFF_SHELF", offer.productName() + " is off shelf");
        }
        return cart.invoke(c -> c.add(cmd.actor().id(), cmd.itemId(), offer.sku(), cmd.quantity(), clock.instant()));
    }

    /** A cart item a checkout buys. */
    public record Line(String itemId, String skuId, int quantity) {
    }

    /** The cart's items a checkout buys: those named, or (none named) the selected ones. */
    public List<Line> items(Actor buyer, List<String> itemIds) {
        return cart(buyer).invoke(c -> c.take(itemIds)).stream()
                .map(i -> new Line(i.itemId(), i.skuId(), i.quantity())).toList();
    }

    /** Takes the items out of the cart; call in the unit of work that places their orders. */
    public void checkedOut(Actor buyer, List<String> itemIds, String payNo, Clock clock) {
        cart(buyer).execute(c -> c.checkedOut(itemIds, payNo, clock.instant()));
    }

    private Aggregate<Cart> cart(Actor buyer) {
        if (!buyer.is(Role.BUYER)) {
            throw Refusal.forbidden("a cart is its buyer's");
        }
        return LockOrder.loadOrCreate(carts, LockOrder.Rank.CART, CartCommand.cartId(buyer.id()), Cart::new);
    }
}
