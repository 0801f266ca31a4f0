package io.ordersvc.shared.cart;

import io.ordersvc.shared.cart.CartPricing.Held;
import io.ordersvc.shared.cart.CartPricing.Sku;
import io.ordersvc.shared.cart.CartQuery.CartItem;
import io.ordersvc.shared.cart.CartQuery.CartView;
import io.ordersvc.shared.checkout.Pricing;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionRules.Tier;
import io.ordersvc.shared.promotion.PromotionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CartPricingTest {

    static final Instant NOW = Instant.parse("2026-12-12T00:00:00Z");
    static final Pricing.Member GOLD = new Pricing.Member(2, new BigDecimal("0.90"));

    final Map<String, Sku> catalog = new HashMap<>();

    Sku sku(String id, String product, String shop, String price, long stock, boolean onShelf, int limit) {
        Sku sku = new Sku(id, product, shop, "商品" + id, null, Map.of(), Money.of(price), stock, onShelf, limit);
        catalog.put(id, sku);
        return sku;
    }

    static Held held(Sku sku, int quantity, boolean selected) {
        return new Held("item-" + sku.skuId(), sku.skuId(), sku.productId(), sku.shopId(), quantity, sku.price(),
                selected);
    }

    static Pricing.Offer reduction(String id, String shop, String threshold, String off, Integer level,
                                   Instant endsAt) {
        return new Pricing.Offer(id, shop, new PromotionRules("满" + threshold + "减" + off,
                PromotionType.FULL_REDUCTION, NOW.minusSeconds(3600), endsAt, List.of(),
                List.of(new Tier(Money.of(threshold), null, Money.of(off), null)), false, null, List.of(),
                level == null ? List.of() : List.of(level)));
    }

    static CartItem item(CartView cart, String skuId) {
        return cart.shops().stream().flatMap(s -> s.items().stream()).filter(i -> i.skuId().equals(skuId))
                .findFirst().orElseThrow();
    }

    @Test
    void an_empty_cart_costs_nothing() {
        CartView cart = CartPricing.price(List.of(), Map.of(), Pricing.Member.NONE, List.of(), NOW, -1);
        assertThat(cart.shops()).isEmpty();
        assertThat(cart.summary().formula()).isEqualTo("总计¥0.00=商品金额¥0.00-活动优惠¥0.00");
    }

    @Test
    void the_member_price_shows_on_every_item_and_in_the_formula() {
        Sku shirt = sku("s1", "p1", "shop-a", "99.99", 10, true, 0);
        Sku hat = sku("s2", "p2", "shop-a", "10.00", 10, true, 0);
        CartView cart = CartPricing.price(List.of(held(shirt, 1, true), held(hat, 1, false)), catalog, GOLD,
                List.of(), NOW, 3);
        assertThat(item(cart, "s1").memberPrice()).isEqualTo(Money.of("89.99"));
        assertThat(item(cart, "s2").memberPrice()).as("unselected items show it too").isEqualTo(Money.of("9.00"));
        assertThat(cart.summary().memberDiscount()).isEqualTo(Money.of("10.00"));
        assertThat(cart.summary().formula()).isEqualTo("总计¥89.99=商品金额¥99.99-会员优惠¥10.00-活动优惠¥0.00");
        assertThat(cart.version()).isEqualTo(3);
    }

    @Test
    void the_purchase_limit_counts_every_selected_unit_of_the_product() {
        Sku red = sku("red", "shirt", "shop-a", "50.00", 10, true, 3);
        Sku blue = sku("blue", "shirt", "shop-a", "50.00", 10, true, 3);
        CartView both = CartPricing.price(List.of(held(red, 2, true), held(blue, 2, true)), catalog,
                Pricing.Member.NONE, List.of(), NOW, 0);
        assertThat(both.shops().get(0).items()).allMatch(i -> "over_purchase_limit".equals(i.problem()));
        assertThat(both.summary().selectedCount()).isZero();

        CartView one = CartPricing.price(List.of(held(red, 2, true), held(blue, 2, false)), catalog,
                Pricing.Member.NONE, List.of(), NOW, 0);
        assertThat(item(one, "red").valid()).isTrue();
        assertThat(item(one, "blue").valid()).as("alone it is within the limit").isTrue();
        assertThat(one.summary().payAmount()).isEqualTo(Money.of("100.00"));
    }

    @Test
    void a_sku_gone_from_the_catalog_is_off_shelf_at_the_price_it_was_added() {
        Sku ghost = new Sku("ghost", "p9", "shop-a", "旧", null, Map.of(), Money.of("5.00"), 0, true, 0);
        CartView cart = CartPricing.price(List.of(held(ghost, 1, true)), catalog, Pricing.Member.NONE, List.of(),
                NOW, 0);
        assertThat(item(cart, "ghost").problem()).isEqualTo("off_shelf");
        assertThat(item(cart, "ghost").unitPrice()).isEqualTo(Money.of("5.00"));
        assertThat(cart.summary().goodsAmount()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_shop_lists_the_promotions_for_its_goods_only_running_and_open_to_the_buyer() {
        Sku tea = sku("tea", "p-tea", "shop-a", "40.00", 10, true, 0);
        Sku cup = sku("cup", "p-cup", "shop-b", "15.00", 10, true, 0);
        List<Pricing.Offer> offers = List.of(
                reduction("a-100", "shop-a", "100.00", "10.00", null, NOW.plusSeconds(3600)),
                reduction("platform", null, "50.00", "5.00", null, NOW.plusSeconds(3600)),
                reduction("gold-only", "shop-a", "10.00", "9.00", 3, NOW.plusSeconds(3600)),
                reduction("ended", "shop-a", "10.00", "9.00", null, NOW));
        CartView cart = CartPricing.price(List.of(held(tea, 2, true), held(cup, 1, false)), catalog, GOLD,
                offers, NOW, 0);
        var shopB = cart.shops().get(0);
        var shopA = cart.shops().get(1);
        assertThat(shopB.shopId()).as("the newest item's shop first").isEqualTo("shop-b");
        assertThat(shopA.promotions()).extracting(CartQuery.CartPromotion::promotionId)
                .containsExactly("a-100", "platform");
        assertThat(shopA.promotions().get(0).progress()).isEqualTo("再买¥28.00减¥10.00");
        assertThat(shopA.promotions().get(1).applied()).isTrue();
        assertThat(shopB.promotions()).extracting(CartQuery.CartPromotion::progress)
                .as("a platform-wide promotion counts the whole selection (跨店满减)").containsExactly("已减¥5.00");
        CartView nothing = CartPricing.price(List.of(held(tea, 2, false), held(cup, 1, false)), catalog, GOLD,
                offers, NOW, 0);
        assertThat(nothing.shops().get(0).promotions()).extracting(CartQuery.CartPromotion::progress)
                .as("nothing selected: every threshold from zero").containsExactly("再买¥50.00减¥5.00");
        assertThat(cart.summary().formula()).isEqualTo("总计¥67.00=商品金额¥80.00-会员优惠¥8.00-活动优惠¥5.00");
    }
}
