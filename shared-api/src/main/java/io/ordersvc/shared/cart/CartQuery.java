package io.ordersvc.shared.cart;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.promotion.PromotionType;

import java.util.List;
import java.util.Map;

/** GET /cart: the buyer's cart, priced now by the checkout's own rules. */
public record CartQuery(String buyerId) {

    /** The items by shop (the shop of the newest item first), and what the selected ones would cost. */
    public record CartView(List<CartShop> shops, CartSummary summary, long version) {
    }

    public record CartShop(String shopId, List<CartItem> items, List<CartPromotion> promotions) {
    }

    /**
     * unitPrice: the catalog's price now; memberPrice: what the buyer's level pays for a unit. valid false: it cannot
     * be bought now ({@code problem} says why); a valid item may still carry {@code price_changed}.
     */
    public record CartItem(String itemId, String skuId, String productId, String name, Map<String, String> properties,
                       String imageUrl, int quantity, Money unitPrice, Money memberPrice, Money priceWhenAdded,
                       boolean selected, boolean valid, String problem) {
    }

    /** progress: what is missing for the next tier ("再买¥31.00减¥50.00"), or what the selected items reached. */
    public record CartPromotion(String promotionId, String name, PromotionType type, boolean applied,
                            String progress) {
    }

    /**
     * selectedCount: the selected valid items (what a checkout from the cart takes); the amounts are theirs.
     * formula: "总计¥319.00=商品金额¥369.00-活动优惠¥50.00" (member discount shown when there is one).
     */
    public record CartSummary(int selectedCount, int selectedUnits, Money goodsAmount, Money memberDiscount,
                          Money promotionDiscount, Money discountAmount, Money payAmount, String formula) {
    }
}
