package io.ordersvc.shared.cart;

import io.ordersvc.shared.cart.CartQuery.CartView;
import io.ordersvc.shared.catalog.Buying;
import io.ordersvc.shared.checkout.Pricing;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cart priced now (seed 002 cart): every item checked by the rules of buying ({@link Buying}), the selected valid
 * ones priced by the checkout's own {@link Pricing} (member price, the best promotions), and each shop's promotions
 * with what is missing for their next tier. A pure function: the catalog, promotions and level of the moment come
 * in.
 */
public final class CartPricing {

    private CartPricing() {
    }

    /** An item as the cart holds it, newest last. */
    public record Held(String itemId, String skuId, String productId, String shopId, int quantity,
                       Money priceWhenAdded, boolean selected) {
    }

    /** The catalog's SKU now. */
    public record Sku(String skuId, String productId, String shopId, String name, String imageUrl,
                      Map<String, String> properties, Money price, long available, boolean onShelf,
                      int purchaseLimit) {
    }

    /** @param catalog sku id → the SKU now; an item whose SKU is absent shows as off shelf */
    public static CartView price(List<Held> items, Map<String, Sku> catalog, Pricing.Member member,
                                 List<Pricing.Offer> offers, Instant now, long version) {
        Map<String, Integer> selectedUnits = new HashMap<>();
        for (Held item : items) {
            if (item.selected()) {
                selectedUnits.merge(item.productId(), item.quantity(), Integer::sum);
            }
        }
        record Checked(Held held, Sku sku, String problem, boolean valid) {
        }
        List<Checked> checked = new ArrayList<>();
        List<Pricing.Line> selected = new ArrayList<>();
        List<Pricing.Line> valid = new ArrayList<>();
        for (Held item : items) {
            Sku sku = catalog.get(item.skuId());
            Optional<Refusal> refusal = sku == null ? Optional.of(Refusal.unprocessable("OFF_SHELF", "gone"))
                    : Buying.refusal(new Buying.Ask(sku.name(), sku.skuId(), sku.onShelf(), sku.purchaseLimit(),
                    false, null, sku.available(), item.quantity(),
                    item.selected() ? selectedUnits.get(item.productId()) : item.quantity()));
            String problem = refusal.map(r -> Buying.problem(r.code(), sku == null ? 0 : sku.available()))
                    .orElse(null);
            boolean ok = problem == null;
            if (ok && sku.price().compareTo(item.priceWhenAdded()) != 0) {
                problem = "price_changed"; // still buyable: the buyer is told the price moved
            }
            checked.add(new Checked(item, sku, problem, ok));
            if (ok) {
                Pricing.Line line = Pricing.Line.normal(item.skuId(), item.productId(), item.shopId(), sku.price(),
                        item.quantity());
                valid.add(line);
                if (item.selected()) {
                    selected.add(line);
                }
            }
        }
        Pricing.Goods goods = Pricing.price(selected, member, offers, now);

        Map<String, List<Checked>> byShop = new LinkedHashMap<>(); // the shop of the newest item first
        for (int i = checked.size() - 1; i >= 0; i--) {
            Checked c = checked.get(i);
            byShop.computeIfAbsent(c.held().shopId(), s -> new ArrayList<>()).add(c);
        }
        List<CartQuery.CartShop> shops = new ArrayList<>();
        byShop.forEach((shopId, shopItems) -> {
            List<CartQuery.CartItem> views = shopItems.stream().map(c -> {
                Held h = c.held();
                Sku s = c.sku();
                return new CartQuery.CartItem(h.itemId(), h.skuId(), h.productId(), s == null ? null : s.name(),
                        s == null ? Map.of() : s.properties(), s == null ? null : s.imageUrl(), h.quantity(),
                        s == null ? h.priceWhenAdded() : s.price(),
                        s == null ? h.priceWhenAdded() : Pricing.memberPrice(s.price(), member),
                        h.priceWhenAdded(), h.selected(), c.valid(), c.problem());
            }).toList();
            shops.add(new CartQuery.CartShop(shopId, views, promotions(shopId, goods, valid, member, offers, now)));
        });
        return new CartView(shops, summary(goods, selected), version);
    }

    /** The promotions the selected goods come under, then those that cover the shop's other valid items. */
    private static List<CartQuery.CartPromotion> promotions(String shopId, Pricing.Goods goods, List<Pricing.Line> valid,
                                                        Pricing.Member member, List<Pricing.Offer> offers,
                                                        Instant now) {
        List<Pricing.Line> shopLines = valid.stream().filter(l -> l.shopId().equals(shopId)).toList();
        List<CartQuery.CartPromotion> out = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (Pricing.Progress p : goods.progress()) {
            Pricing.Offer offer = offers.stream().filter(o -> o.promotionId().equals(p.promotionId())).findFirst()
                    .orElseThrow();
            if (shopLines.stream().anyMatch(l -> Pricing.covers(offer, l)) && shown.add(p.promotionId())) {
                out.add(view(p));
            }
        }
        for (Pricing.Offer offer : offers) {
            if (offer.offeredTo(member, now) && !shown.contains(offer.promotionId())
                    && shopLines.stream().anyMatch(l -> Pricing.covers(offer, l))) {
                shown.add(offer.promotionId());
                out.add(view(offer.untouched()));
            }
        }
        return out;
    }

    private static CartQuery.CartPromotion view(Pricing.Progress p) {
        return new CartQuery.CartPromotion(p.promotionId(), p.name(), p.type(), p.applied(), p.progress());
    }

    private static CartQuery.CartSummary summary(Pricing.Goods goods, List<Pricing.Line> selected) {
        Money goodsAmount = goods.goodsAmount();
        Money member = goods.memberDiscount();
        Money promotion = goods.promotionDiscount();
        Money discount = member.plus(promotion);
        Money pay = goodsAmount.minus(discount);
        StringBuilder formula = new StringBuilder("总计¥").append(pay).append("=商品金额¥").append(goodsAmount);
        if (member.isPositive()) {
            formula.append("-会员优惠¥").append(member);
        }
        formula.append("-活动优惠¥").append(promotion);
        int units = selected.stream().mapToInt(Pricing.Line::quantity).sum();
        return new CartQuery.CartSummary(selected.size(), units, goodsAmount, member, promotion, discount, pay,
                formula.toString());
    }
}
