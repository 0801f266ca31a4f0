package io.ordersvc.command.catalog;

import io.ordersvc.shared.catalog.ProductCommand.AdjustStock;
import io.ordersvc.command.shipping.FreightTemplates;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductCommand.EditProduct;
import io.ordersvc.shared.catalog.ProductCommand.ProductPatch;
import io.ordersvc.shared.catalog.ProductCommand.SkuPatch;
import io.ordersvc.shared.catalog.ProductEvent.ProductEdited;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.ProductType;
import io.ordersvc.shared.catalog.SkuTerms;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class ProductTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);

    /** tpl-1 is shop-1's freight template, tpl-9 shop-9's; no other exists. */
    static final FreightTemplates TEMPLATES = id -> Optional.ofNullable(switch (id == null ? "" : id) {
        case "tpl-1" -> new FreightTemplates.Template("tpl-1", "shop-1", null);
        case "tpl-9" -> new FreightTemplates.Template("tpl-9", "shop-9", null);
        default -> null;
    });
    static final Instant MONTH_LATER = NOW.plus(Duration.ofDays(30));

    private AggregateTestFixture<Product> fixture;

    /** reserve/release are driven by OrderPlacement in production; these commands reach them in isolation. */
    record Reserve(String productId, String orderId, Map<String, Integer> quantities, OrderType type) {
    }

    record Release(String productId, String orderId, Map<String, Integer> quantities) {
    }

    static final class StockHandler {
        private final Repository<Product> products;

        StockHandler(Repository<Product> products) {
            this.products = products;
        }

        @CommandHandler
        List<Product.Reserved> handle(Reserve c) throws Exception {
            return products.load(c.productId()).invoke(p -> p.reserve(c.orderId(), c.quantities(), c.type()));
        }

        @CommandHandler
        void handle(Release c) throws Exception {
            products.load(c.productId()).execute(p -> p.release(c.orderId(), c.quantities(), "order_cancelled"));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new StockHandler(fixture.getRepository()));
        fixture.registerAnnotatedCommandHandler(new ProductEditing(fixture.getRepository(), TEMPLATES));
    }

    static List<SkuSpec> skus() {
        return List.of(
                new SkuSpec("sku-1", "T-RED", Map.of("颜色", "红色"), Money.of("22.00"), Money.of("16.00"), 200L, 5),
                new SkuSpec("sku-2", "T-BLUE", Map.of("颜色", "蓝色"), Money.of("22.00"), null, null, 1));
    }

    static ProductCreated created() {
        return new ProductCreated("product-1", "shop-1", "T恤", null, ProductSettings.DEFAULT, skus(), NOW);
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static Map<String, Integer> quantities(Object... skuAndQty) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < skuAndQty.length; i += 2) {
            map.put((String) skuAndQty[i], (Integer) skuAndQty[i + 1]);
        }
        return map;
    }

    @Test
    void a_seller_creates_a_product_in_their_shop() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, null, skus(), SELLER))
                .expectEvents(created());
    }

    @Test
    void a_seller_may_not_create_products_for_another_shop() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, null, skus(), OTHER_SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void a_product_without_skus_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(), ADMIN))
                .expectNoEvents().expectException(refusal("NO_SKUS"));
    }

    @Test
    void duplicate_sku_codes_are_refused() {
        var sku = skus().get(0);
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(sku, sku), ADMIN))
                .expectNoEvents().expectException(refusal("DUPLICATE_SKU_CODE"));
    }

    @Test
    void a_zero_price_is_refused() {
        var free = new SkuSpec("sku-1", "FREE", Map.of(), Money.ZERO, null, null, 1);
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(free), ADMIN))
                .expectNoEvents().expectException(refusal("INVALID_PRICE"));
    }

    @Test
    void restocking_adds_to_the_available_stock() {
        fixture.given(created())
                .when(new AdjustStock("product-1", "sku-1", 50, SELLER))
                .expectEvents(new StockAdjusted("product-1", "sku-1", 50, 55, NOW))
                .expectResultMessagePayload(new Product.StockLevel("product-1", "sku-1", 55, 1));
    }

    @Test
    void stock_never_goes_below_zero() {
        fixture.given(created())
                .when(new AdjustStock("product-1", "sku-1", -6, SELLER))
                .expectNoEvents().expectException(refusal("STOCK_BELOW_ZERO"));
    }

    @Test
    void another_shops_seller_does_not_see_the_product() {
        fixture.given(created())
                .when(new AdjustStock("product-1", "sku-1", 1, OTHER_SELLER))
                .expectNoEvents().expectException(refusal("PRODUCT_NOT_FOUND"));
    }

    @Test
    void adjusting_an_unknown_sku_is_refused() {
        fixture.given(created())
                .when(new AdjustStock("product-1", "sku-x", 1, ADMIN))
                .expectNoEvents().expectException(refusal("SKU_NOT_FOUND"));
    }

    @Test
    void reserving_takes_stock_for_every_sku_of_the_order() {
        fixture.given(created())
                .when(new Reserve("product-1", "order-1", quantities("sku-1", 2, "sku-2", 1), OrderType.PHYSICAL))
                .expectEvents(new StockReserved("product-1", "order-1",
                        List.of(new StockChange("sku-1", 2, 3), new StockChange("sku-2", 1, 0))));
    }

    @Test
    void reserving_more_than_is_available_reserves_nothing() {
        fixture.given(created())
                .when(new Reserve("product-1", "order-1", quantities("sku-1", 2, "sku-2", 2), OrderType.PHYSICAL))
                .expectNoEvents().expectException(refusal("OUT_OF_STOCK"));
    }

    @Test
    void stock_taken_by_earlier_orders_is_not_available_again() {
        fixture.given(created(), new StockReserved("product-1", "order-1", List.of(new StockChange("sku-2", 1, 0))))
                .when(new Reserve("product-1", "order-2", quantities("sku-2", 1), OrderType.PHYSICAL))
                .expectNoEvents().expectException(refusal("OUT_OF_STOCK"));
    }

    @Test
    void a_sku_without_points_price_cannot_be_exchanged_for_points() {
        fixture.given(created())
                .when(new Reserve("product-1", "order-1", quantities("sku-2", 1), OrderType.POINTS_EXCHANGE))
                .expectNoEvents().expectException(refusal("NOT_EXCHANGEABLE_FOR_POINTS"));
    }

    @Test
    void releasing_gives_the_stock_back() {
        fixture.given(created(), new StockReserved("product-1", "order-1", List.of(new StockChange("sku-1", 2, 3))))
                .when(new Release("product-1", "order-1", quantities("sku-1", 2)))
                .expectEvents(new StockReleased("product-1", "order-1", List.of(new StockChange("sku-1", 2, 5)),
                        "order_cancelled"));
    }

    static ProductSettings settings(String template, Money unified) {
        return new ProductSettings(null, ProductType.PHYSICAL, true, 0, template, unified, null, null);
    }

    static ProductSettings ticket(Instant from, Instant until) {
        return new ProductSettings(null, ProductType.E_TICKET, true, 0, null, null, from, until);
    }

    static ProductPatch patch(Boolean onShelf, Integer limit, String template, Money unified, SkuPatch... skus) {
        return new ProductPatch(null, null, null, null, onShelf, limit, template, unified, null, null, List.of(skus));
    }

    static List<SkuTerms> termsOf(List<SkuSpec> skus) {
        return skus.stream().map(SkuSpec::terms).toList();
    }

    @Test
    void a_product_ships_by_a_template_of_its_own_shop() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, settings("tpl-1", null), skus(), SELLER))
                .expectEvents(new ProductCreated("product-1", "shop-1", "T恤", null, settings("tpl-1", null), skus(),
                        NOW));
    }

    @Test
    void another_shops_template_or_one_that_does_not_exist_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, settings("tpl-9", null), skus(), SELLER))
                .expectNoEvents().expectException(refusal("UNKNOWN_FREIGHT_TEMPLATE"));
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, settings("tpl-0", null), skus(), SELLER))
                .expectNoEvents().expectException(refusal("UNKNOWN_FREIGHT_TEMPLATE"));
    }

    @Test
    void a_template_and_a_unified_fee_exclude_each_other() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, settings("tpl-1", Money.of("6.00")),
                        skus(), SELLER))
                .expectNoEvents().expectException(refusal("SHIPPING_TERMS_CONFLICT"));
    }

    @Test
    void an_e_ticket_needs_a_validity_that_ends_after_it_starts() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "门票", null, ticket(NOW, null), skus(), SELLER))
                .expectNoEvents().expectException(refusal("INVALID_TICKET_VALIDITY"));
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "门票", null, ticket(MONTH_LATER, NOW), skus(), SELLER))
                .expectNoEvents().expectException(refusal("INVALID_TICKET_VALIDITY"));
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "门票", null, ticket(NOW, MONTH_LATER), skus(), SELLER))
                .expectEvents(new ProductCreated("product-1", "shop-1", "门票", null, ticket(NOW, MONTH_LATER),
                        skus(), NOW));
    }

    @Test
    void only_an_e_ticket_has_a_validity_and_it_is_never_shipped() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, new ProductSettings(null,
                        ProductType.PHYSICAL, true, 0, null, null, null, MONTH_LATER), skus(), SELLER))
                .expectNoEvents().expectException(refusal("INVALID_TICKET_VALIDITY"));
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "门票", null, new ProductSettings(null,
                        ProductType.E_TICKET, true, 0, null, Money.of("5.00"), null, MONTH_LATER), skus(), SELLER))
                .expectNoEvents().expectException(refusal("E_TICKET_NOT_SHIPPED"));
    }

    @Test
    void points_may_pay_at_most_the_price_of_a_unit() {
        var sku = new SkuSpec("sku-1", "T", Map.of(), Money.of("22.00"), null, null, 1, 200, Money.of("22.01"), 0);
        fixture.givenNoPriorActivity()
                .when(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(sku), SELLER))
                .expectNoEvents().expectException(refusal("INVALID_POINTS_DEDUCTIBLE"));
    }

    @Test
    void an_edit_states_the_terms_it_leaves() {
        var price = new SkuPatch("sku-2", Money.of("19.90"), null, null, 300L, Money.of("2.00"), 20L);
        var after = new ArrayList<>(termsOf(skus()));
        after.set(1, new SkuTerms("sku-2", Money.of("19.90"), null, null, 300, Money.of("2.00"), 20));
        fixture.given(created())
                .when(new EditProduct("product-1", patch(false, 3, "tpl-1", null, price), SELLER))
                .expectEvents(new ProductEdited("product-1", "T恤", null, new ProductSettings(null,
                        ProductType.PHYSICAL, false, 3, "tpl-1", null, null, null), after, NOW))
                .expectResultMessagePayload(new Product.ProductAck("product-1", 1));
    }

    @Test
    void a_unified_fee_replaces_the_template_and_the_reverse() {
        fixture.given(new ProductCreated("product-1", "shop-1", "T恤", null, settings("tpl-1", null), skus(), NOW))
                .when(new EditProduct("product-1", patch(null, null, null, Money.of("6.00")), SELLER))
                .expectEvents(new ProductEdited("product-1", "T恤", null, settings(null, Money.of("6.00")),
                        termsOf(skus()), NOW));
    }

    @Test
    void an_edit_that_changes_nothing_appends_nothing() {
        fixture.given(created())
                .when(new EditProduct("product-1", patch(true, 0, null, null,
                        new SkuPatch("sku-1", Money.of("22.00"), null, null, null, null, null)), SELLER))
                .expectNoEvents()
                .expectResultMessagePayload(new Product.ProductAck("product-1", 0));
    }

    @Test
    void edits_are_refused_for_another_shop_an_unknown_sku_and_a_foreign_template() {
        fixture.given(created())
                .when(new EditProduct("product-1", patch(false, null, null, null), OTHER_SELLER))
                .expectNoEvents().expectException(refusal("PRODUCT_NOT_FOUND"));
        fixture.given(created())
                .when(new EditProduct("product-1", patch(null, null, null, null,
                        new SkuPatch("sku-x", Money.of("1.00"), null, null, null, null, null)), SELLER))
                .expectNoEvents().expectException(refusal("SKU_NOT_FOUND"));
        fixture.given(created())
                .when(new EditProduct("product-1", patch(null, null, "tpl-9", null), SELLER))
                .expectNoEvents().expectException(refusal("UNKNOWN_FREIGHT_TEMPLATE"));
    }

    @Test
    void an_off_shelf_product_cannot_be_bought() {
        fixture.given(created(), new ProductEdited("product-1", "T恤", null, new ProductSettings(null,
                        ProductType.PHYSICAL, false, 0, null, null, null, null), termsOf(skus()), NOW))
                .when(new Reserve("product-1", "order-1", quantities("sku-1", 1), OrderType.PHYSICAL))
                .expectNoEvents().expectException(refusal("OFF_SHELF"));
    }

    @Test
    void the_purchase_limit_counts_every_sku_of_the_product_in_the_order() {
        var limited = new ProductSettings(null, ProductType.PHYSICAL, true, 2, null, null, null, null);
        fixture.given(new ProductCreated("product-1", "shop-1", "T恤", null, limited, skus(), NOW))
                .when(new Reserve("product-1", "order-1", quantities("sku-1", 2, "sku-2", 1), OrderType.PHYSICAL))
                .expectNoEvents().expectException(refusal("OVER_PURCHASE_LIMIT"));
        fixture.given(new ProductCreated("product-1", "shop-1", "T恤", null, limited, skus(), NOW))
                .when(new Reserve("product-1", "order-1", quantities("sku-1", 1, "sku-2", 1), OrderType.PHYSICAL))
                .expectEvents(new StockReserved("product-1", "order-1",
                        List.of(new StockChange("sku-1", 1, 4), new StockChange("sku-2", 1, 0))));
    }

    @Test
    void an_order_takes_the_price_an_edit_left() {
        var after = new ArrayList<>(termsOf(skus()));
        after.set(0, new SkuTerms("sku-1", Money.of("18.00"), Money.of("16.00"), 200L, 0, Money.ZERO, 0));
        fixture.given(created(), new ProductEdited("product-1", "T恤", null, ProductSettings.DEFAULT, after, NOW))
                .when(new Reserve("product-1", "order-1", quantities("sku-1", 1), OrderType.PHYSICAL))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> ((List<?>) r).size() == 1
                        && ((Product.Reserved) ((List<?>) r).get(0)).sku().price().equals(Money.of("18.00"))));
    }
}
