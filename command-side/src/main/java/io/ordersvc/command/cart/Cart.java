package io.ordersvc.command.cart;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.shared.cart.CartCommand;
import io.ordersvc.shared.cart.CartEvent.CartItemAdded;
import io.ordersvc.shared.cart.CartEvent.CartItemQuantityChanged;
import io.ordersvc.shared.cart.CartEvent.CartItemRemoved;
import io.ordersvc.shared.cart.CartEvent.CartItemsCheckedOut;
import io.ordersvc.shared.cart.CartEvent.CartItemsSelected;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.cart.CartCommand.ChangeCartItem;
import io.ordersvc.shared.cart.CartCommand.RemoveCartItem;
import io.ordersvc.shared.cart.CartCommand.SelectCartItems;
import io.ordersvc.shared.identity.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A buyer's cart: items of SKUs with a quantity and a selection, at most {@link CartCommand#MAX_ITEMS}. What an item
 * costs is not the cart's business: the catalog prices it when the cart is read and when it is checked out. Adding
 * needs the catalog, and checking out happens inside the checkout's unit of work: {@link CartDesk} calls those
 * methods; the rest are the cart's own command handlers. Each one checks, then applies.
 */
@Aggregate(snapshotTriggerDefinition = "cartSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Cart {

    @AggregateIdentifier
    private String cartId;
    private String buyerId;
    private Map<String, Item> items = new LinkedHashMap<>();

    /** An item as the cart holds it. */
    public record Item(String itemId, String skuId, int quantity, boolean selected) {

        Item withQuantity(int value) {
            return new Item(itemId, skuId, value, selected);
        }

        Item withSelected(boolean value) {
            return new Item(itemId, skuId, quantity, value);
        }
    }

    public Cart() {
    }

    /** The SKU's catalog facts an added item records. */
    public record Added(String skuId, String productId, String shopId, Money price) {
    }

    /**
     * Adds units of a SKU: to the item of that SKU if there is one (selected again: the buyer wants it), else as a new
     * item. @return the item's id and quantity now
     */
    CartAck add(String buyerId, String newItemId, Added sku, int quantity, Instant now) {
        Item existing = items.values().stream().filter(i -> i.skuId().equals(sku.skuId())).findFirst().orElse(null);
        if (existing != null) {
            int total = existing.quantity() + quantity;
            if (total > CartCommand.MAX_QUANTITY) {
                throw tooMany(total);
            }
            apply(new CartItemQuantityChanged(buyerId, existing.itemId(), total, now));
            if (!existing.selected()) {
                apply(new CartItemsSelected(buyerId, List.of(existing.itemId()), true, now));
            }
            return new CartAck(existing.itemId(), total, AggregateLifecycle.getVersion());
        }
        if (items.size() >= CartCommand.MAX_ITEMS) {
            throw Refusal.unprocessable("CART_FULL", "a cart holds at most " + CartCommand.MAX_ITEMS
                    + " items; remove some first").with("max_items", CartCommand.MAX_ITEMS);
        }
        apply(new CartItemAdded(buyerId, newItemId, sku.skuId(), sku.productId(), sku.shopId(), quantity,
                sku.price(), now));
        return new CartAck(newItemId, quantity, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CartAck handle(ChangeCartItem cmd, Clock clock) {
        owner(cmd);
        String itemId = cmd.itemId();
        Integer quantity = cmd.quantity();
        Boolean selected = cmd.selected();
        Instant now = clock.instant();
        Item item = item(itemId);
        if (quantity != null && quantity != item.quantity()) {
            if (quantity > CartCommand.MAX_QUANTITY) {
                throw tooMany(quantity);
            }
            apply(new CartItemQuantityChanged(buyerId, itemId, quantity, now));
        }
        if (selected != null && selected != item.selected()) {
            apply(new CartItemsSelected(buyerId, List.of(itemId), selected, clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CartAck handle(RemoveCartItem cmd, Clock clock) {
        owner(cmd);
        item(cmd.itemId());
        apply(new CartItemRemoved(buyerId, cmd.itemId(), clock.instant()));
        return ack();
    }

    /** Items whose selection already is the one asked are left out; every id must be in the cart. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CartAck handle(SelectCartItems cmd, Clock clock) {
        owner(cmd);
        Set<String> ids = new LinkedHashSet<>(cmd.itemIds() == null ? items.keySet() : cmd.itemIds());
        ids.forEach(this::item);
        List<String> changing = ids.stream().filter(id -> items.get(id).selected() != cmd.selected()).toList();
        if (!changing.isEmpty()) {
            apply(new CartItemsSelected(buyerId, changing, cmd.selected(), clock.instant()));
        }
        return ack();
    }

    /**
     * The items a checkout takes: those named, or (none named) the selected ones.
     *
     * @throws Refusal 404 CART_ITEM_NOT_FOUND for an id not in the cart; 422 NO_ITEMS when nothing is selected
     */
    List<Item> take(List<String> itemIds) {
        List<Item> taken = new ArrayList<>();
        if (itemIds == null || itemIds.isEmpty()) {
            items.values().stream().filter(Item::selected).forEach(taken::add);
        } else {
            new LinkedHashSet<>(itemIds).forEach(id -> taken.add(item(id)));
        }
        if (taken.isEmpty()) {
            throw Refusal.unprocessable("NO_ITEMS", "no cart item is selected");
        }
        return taken;
    }

    void checkedOut(List<String> itemIds, String payNo, Instant now) {
        itemIds.forEach(this::item);
        apply(new CartItemsCheckedOut(buyerId, List.copyOf(itemIds), payNo, now));
    }

    /**
     * What a cart command answers: the cart's version, for GET /cart?min_version; adding also names the item added
     * to and its quantity now.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record CartAck(String itemId, Integer quantity, long version) {
    }

    private CartAck ack() {
        return new CartAck(null, null, AggregateLifecycle.getVersion() == null ? -1 : AggregateLifecycle.getVersion());
    }

    /** Only a buyer touches a cart, and only their own (the controller names it by the caller, this holds it). */
    static void owner(CartCommand cmd) {
        if (!cmd.actor().is(Role.BUYER) || !cmd.cartId().equals(CartCommand.cartId(cmd.actor().id()))) {
            throw Refusal.forbidden("a cart is its buyer's");
        }
    }

    private Item item(String itemId) {
        Item item = items.get(itemId);
        if (item == null) {
            throw Refusal.notFound("CART_ITEM_NOT_FOUND", "the cart holds no item " + itemId);
        }
        return item;
    }

    private static Refusal tooMany(int quantity) {
        return Refusal.unprocessable("QUANTITY_TOO_LARGE", "an item holds at most " + CartCommand.MAX_QUANTITY
                + " units; " + quantity + " asked").with("max_quantity", CartCommand.MAX_QUANTITY);
    }

    @EventSourcingHandler
    void on(CartItemAdded e) {
        cartId = CartCommand.cartId(e.buyerId());
        buyerId = e.buyerId();
        items.put(e.itemId(), new Item(e.itemId(), e.skuId(), e.quantity(), true));
    }

    @EventSourcingHandler
    void on(CartItemQuantityChanged e) {
        items.computeIfPresent(e.itemId(), (id, item) -> item.withQuantity(e.quantity()));
    }

    @EventSourcingHandler
    void on(CartItemsSelected e) {
        e.itemIds().forEach(id -> items.computeIfPresent(id, (k, item) -> item.withSelected(e.selected())));
    }

    @EventSourcingHandler
    void on(CartItemRemoved e) {
        items.remove(e.itemId());
    }

    @EventSourcingHandler
    void on(CartItemsCheckedOut e) {
        e.itemIds().forEach(items::remove);
    }
}
