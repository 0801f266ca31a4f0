package io.ordersvc.command.cart;

import io.ordersvc.shared.cart.CartCommand;
import io.ordersvc.shared.cart.CartCommand.AddCartItem;
import io.ordersvc.shared.cart.CartCommand.ChangeCartItem;
import io.ordersvc.shared.cart.CartCommand.RemoveCartItem;
import io.ordersvc.shared.cart.CartCommand.SelectCartItems;
import io.ordersvc.shared.cart.CartEvent.CartItemAdded;
import io.ordersvc.shared.cart.CartEvent.CartItemQuantityChanged;
import io.ordersvc.shared.cart.CartEvent.CartItemRemoved;
import io.ordersvc.shared.cart.CartEvent.CartItemsCheckedOut;
import io.ordersvc.shared.cart.CartEvent.CartItemsSelected;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class CartTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Actor BUYER = new Actor("b-1", Role.BUYER, null);
    static final String CART = CartCommand.cartId("b-1");
    static final Money PRICE = Money.of("22.00");

    private AggregateTestFixture<Cart> fixture;

    /** A checkout takes the cart's items inside its own unit of work; this command reaches that in isolation. */
    record CheckOut(List<String> itemIds, String payNo) {
    }

    static final class CheckoutHandler {
        private final CartDesk desk;

        CheckoutHandler(CartDesk desk) {
            this.desk = desk;
        }

        @CommandHandler
        List<CartDesk.Line> handle(CheckOut c, Clock clock) {
            List<CartDesk.Line> lines = desk.items(BUYER, c.itemIds());
            desk.checkedOut(BUYER, lines.stream().map(CartDesk.Line::itemId).toList(), c.payNo(), clock);
            return lines;
        }
    }

    /** sku-1 and sku-2 on shelf in shop-1; sku-off off shelf; anything else unknown. */
    static Optional<CartDesk.Offer> catalog(String skuId) {
        return switch (skuId) {
            case "sku-1", "sku-2" -> Optional.of(new CartDesk.Offer(new Cart.Added(skuId, "p-1", "shop-1", PRICE),
                    "T恤", true));
            case "sku-off" -> Optional.of(new CartDesk.Offer(new Cart.Added(skuId, "p-2", "shop-1", PRICE), "旧款",
                    false));
            default -> {
                if (skuId.startsWith("many-")) {
                    yield Optional.of(new CartDesk.Offer(new Cart.Added(skuId, "p-3", "shop-1", PRICE), "多规格",
                            true));
                }
                yield Optional.empty();
            }
        };
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        CartDesk desk = new CartDesk(fixture.getRepository(), CartTest::catalog);
        fixture.registerAnnotatedCommandHandler(desk);
        fixture.registerAnnotatedCommandHandler(new CheckoutHandler(desk));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static CartItemAdded added(String itemId, String sku, int quantity) {
        return new CartItemAdded("b-1", itemId, sku, "p-1", "shop-1", quantity, PRICE, NOW);
    }

    @Test
    void a_first_item_creates_the_cart_selected_at_the_price_of_the_moment() {
        fixture.givenNoPriorActivity()
                .when(new AddCartItem(CART, "i-1", "sku-1", 2, BUYER))
                .expectEvents(added("i-1", "sku-1", 2))
                .expectResultMessagePayload(new Cart.CartAck("i-1", 2, 0));
    }

    @Test
    void the_same_sku_again_grows_its_item_and_selects_it_again() {
        fixture.given(added("i-1", "sku-1", 2), new CartItemsSelected("b-1", List.of("i-1"), false, NOW))
                .when(new AddCartItem(CART, "i-2", "sku-1", 3, BUYER))
                .expectEvents(new CartItemQuantityChanged("b-1", "i-1", 5, NOW),
                        new CartItemsSelected("b-1", List.of("i-1"), true, NOW))
                .expectResultMessagePayload(new Cart.CartAck("i-1", 5, 3));
    }

    @Test
    void an_item_never_grows_past_999_units() {
        fixture.given(added("i-1", "sku-1", 998))
                .when(new AddCartItem(CART, "i-2", "sku-1", 2, BUYER))
                .expectNoEvents().expectException(refusal("QUANTITY_TOO_LARGE"));
        fixture.given(added("i-1", "sku-1", 1))
                .when(new ChangeCartItem(CART, "i-1", 1000, null, BUYER))
                .expectNoEvents().expectException(refusal("QUANTITY_TOO_LARGE"));
    }

    @Test
    void an_off_shelf_or_unknown_sku_is_refused() {
        fixture.givenNoPriorActivity().when(new AddCartItem(CART, "i-1", "sku-off", 1, BUYER))
                .expectNoEvents().expectException(refusal("OFF_SHELF"));
        fixture.givenNoPriorActivity().when(new AddCartItem(CART, "i-1", "sku-x", 1, BUYER))
                .expectNoEvents().expectException(refusal("UNKNOWN_SKU"));
    }

    @Test
    void the_two_hundred_and_first_item_is_refused_but_an_item_already_there_still_grows() {
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < CartCommand.MAX_ITEMS; i++) {
            full.add(added("i-" + i, "many-" + i, 1));
        }
        fixture.given(full).when(new AddCartItem(CART, "i-new", "sku-1", 1, BUYER))
                .expectNoEvents().expectException(refusal("CART_FULL"));
        fixture.given(full).when(new AddCartItem(CART, "i-new", "many-7", 1, BUYER))
                .expectEvents(new CartItemQuantityChanged("b-1", "i-7", 2, NOW));
    }

    @Test
    void a_change_applies_only_what_differs() {
        fixture.given(added("i-1", "sku-1", 2))
                .when(new ChangeCartItem(CART, "i-1", 3, false, BUYER))
                .expectEvents(new CartItemQuantityChanged("b-1", "i-1", 3, NOW),
                        new CartItemsSelected("b-1", List.of("i-1"), false, NOW));
        fixture.given(added("i-1", "sku-1", 2))
                .when(new ChangeCartItem(CART, "i-1", 2, true, BUYER))
                .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void an_item_not_in_the_cart_is_not_found_whatever_is_asked() {
        fixture.givenNoPriorActivity().when(new ChangeCartItem(CART, "i-9", 1, null, BUYER))
                .expectNoEvents().expectException(refusal("CART_ITEM_NOT_FOUND"));
        fixture.given(added("i-1", "sku-1", 2)).when(new RemoveCartItem(CART, "i-9", BUYER))
                .expectNoEvents().expectException(refusal("CART_ITEM_NOT_FOUND"));
        fixture.given(added("i-1", "sku-1", 2))
                .when(new SelectCartItems(CART, List.of("i-1", "i-9"), false, BUYER))
                .expectNoEvents().expectException(refusal("CART_ITEM_NOT_FOUND"));
    }

    @Test
    void removing_an_item_takes_it_out() {
        fixture.given(added("i-1", "sku-1", 2)).when(new RemoveCartItem(CART, "i-1", BUYER))
                .expectEvents(new CartItemRemoved("b-1", "i-1", NOW));
        fixture.given(added("i-1", "sku-1", 2), new CartItemRemoved("b-1", "i-1", NOW))
                .when(new RemoveCartItem(CART, "i-1", BUYER))
                .expectNoEvents().expectException(refusal("CART_ITEM_NOT_FOUND"));
    }

    @Test
    void selecting_all_changes_only_the_items_that_differ() {
        fixture.given(added("i-1", "sku-1", 1), added("i-2", "sku-2", 1),
                        new CartItemsSelected("b-1", List.of("i-2"), false, NOW))
                .when(new SelectCartItems(CART, null, true, BUYER))
                .expectEvents(new CartItemsSelected("b-1", List.of("i-2"), true, NOW));
        fixture.given(added("i-1", "sku-1", 1))
                .when(new SelectCartItems(CART, null, true, BUYER))
                .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void a_cart_is_its_buyers_alone() {
        Actor other = new Actor("b-2", Role.BUYER, null);
        Actor seller = new Actor("s-1", Role.SELLER, "shop-1");
        fixture.given(added("i-1", "sku-1", 1)).when(new RemoveCartItem(CART, "i-1", other))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.given(added("i-1", "sku-1", 1)).when(new AddCartItem(CART, "i-2", "sku-2", 1, seller))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void a_checkout_takes_the_selected_items_and_they_leave_the_cart() {
        fixture.given(added("i-1", "sku-1", 2), added("i-2", "sku-2", 1),
                        new CartItemsSelected("b-1", List.of("i-2"), false, NOW))
                .when(new CheckOut(List.of(), "pay-1"))
                .expectEvents(new CartItemsCheckedOut("b-1", List.of("i-1"), "pay-1", NOW))
                .expectResultMessagePayload(List.of(new CartDesk.Line("i-1", "sku-1", 2)));
    }

    @Test
    void a_checkout_with_nothing_selected_or_an_item_not_in_the_cart_is_refused() {
        fixture.given(added("i-1", "sku-1", 2), new CartItemsSelected("b-1", List.of("i-1"), false, NOW))
                .when(new CheckOut(List.of(), "pay-1"))
                .expectNoEvents().expectException(refusal("NO_ITEMS"));
        fixture.given(added("i-1", "sku-1", 2), new CartItemsCheckedOut("b-1", List.of("i-1"), "pay-0", NOW))
                .when(new CheckOut(List.of("i-1"), "pay-1"))
                .expectNoEvents().expectException(refusal("CART_ITEM_NOT_FOUND"));
    }
}
