package io.ordersvc.command.catalog;

import io.ordersvc.shared.catalog.ProductCommand.AdjustStock;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class ProductTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, null);

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
    }

    static List<SkuSpec> skus() {
        return List.of(
                new SkuSpec("sku-1", "T-RED", Map.of("颜色", "红色"), Money.of("22.00"), Money.of("16.00"), 200L, 5),
                new SkuSpec("sku-2", "T-BLUE", Map.of("颜色", "蓝色"), Money.of("22.00"), null, null, 1));
    }

    static ProductCreated created() {
        return new ProductCreated("product-1", "shop-1", "T恤", null, null, skus(), NOW);
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
}
