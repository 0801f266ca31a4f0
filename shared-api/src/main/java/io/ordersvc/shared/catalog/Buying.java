package io.ordersvc.shared.catalog;

import io.ordersvc.shared.error.Refusal;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules of buying a SKU now, in one place: the product aggregate checks them before it takes stock, a preview
 * shows them, and the cart marks its items with them.
 */
public final class Buying {

    private Buying() {
    }

    /** What is asked of one SKU and what the catalog holds for it. */
    public record Ask(String productName, String skuId, boolean onShelf, int purchaseLimit, boolean pointsExchange,
                      Long pointsPrice, long available, int quantity, int productUnits) {
    }

    /**
     * Why these units cannot be bought now, or empty. The purchase limit counts every unit of the product in one
     * order ({@code productUnits}), the stock only this SKU's.
     */
    public static Optional<Refusal> refusal(Ask ask) {
        if (!ask.onShelf()) {
            return Optional.of(Refusal.unprocessable("OFF_SHELF", ask.productName() + " is off shelf"));
        }
        if (ask.purchaseLimit() > 0 && ask.productUnits() > ask.purchaseLimit()) {
            return Optional.of(Refusal.unprocessable("OVER_PURCHASE_LIMIT", "one order may hold at most "
                    + ask.purchaseLimit() + " of " + ask.productName() + "; " + ask.productUnits() + " requested"));
        }
        if (ask.pointsExchange() && ask.pointsPrice() == null) {
            return Optional.of(Refusal.unprocessable("NOT_EXCHANGEABLE_FOR_POINTS",
                    "sku " + ask.skuId() + " has no points price"));
        }
        if (ask.available() < ask.quantity()) {
            return Optional.of(Refusal.conflict("OUT_OF_STOCK", "sku " + ask.skuId() + " has " + ask.available()
                    + " left, " + ask.quantity() + " requested"));
        }
        return Optional.empty();
    }

    /**
     * The cart's and the preview's word for a refusal: {@code off_shelf}, {@code over_purchase_limit},
     * {@code out_of_stock} (none left) or {@code insufficient_stock} (fewer than asked), else the code in lower case.
     */
    public static String problem(String code, long available) {
        return switch (code) {
            case "OFF_SHELF" -> "off_shelf";
            case "OVER_PURCHASE_LIMIT" -> "over_purchase_limit";
            case "OUT_OF_STOCK" -> available > 0 ? "insufficient_stock" : "out_of_stock";
            default -> code.toLowerCase(Locale.ROOT);
        };
    }
}
