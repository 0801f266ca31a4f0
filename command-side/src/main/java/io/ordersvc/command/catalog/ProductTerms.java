package io.ordersvc.command.catalog;

import io.ordersvc.shared.catalog.ProductCommand.ProductPatch;
import io.ordersvc.shared.catalog.ProductCommand.SkuPatch;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.ProductType;
import io.ordersvc.shared.catalog.SkuTerms;
import io.ordersvc.shared.error.Refusal;

import java.util.Objects;

/**
 * The rules a product's terms obey, on create and on every edit, and how a patch changes them. Pure: the template's
 * shop is looked up by the caller ({@link ProductEditing}).
 */
final class ProductTerms {

    private ProductTerms() {
    }

    /**
     * @param templateShop the shop of the freight template the settings name (null: no such template)
     */
    static void requireSound(ProductSettings settings, String shopId, String templateShop) {
        if (settings.freightTemplateId() != null && !shopId.equals(templateShop)) {
            throw Refusal.unprocessable("UNKNOWN_FREIGHT_TEMPLATE", "freight template "
                    + settings.freightTemplateId() + " is not one of the shop's");
        }
        if (settings.freightTemplateId() != null && settings.unifiedShippingFee() != null) {
            throw Refusal.unprocessable("SHIPPING_TERMS_CONFLICT",
                    "a product ships by a freight template or for a unified fee, not both");
        }
        if (settings.unifiedShippingFee() != null && settings.unifiedShippingFee().isNegative()) {
            throw Refusal.unprocessable("INVALID_PRICE", "unified_shipping_fee is negative");
        }
        if (settings.purchaseLimit() < 0) {
            throw Refusal.unprocessable("INVALID_PURCHASE_LIMIT", "purchase_limit is 0 (none) or more");
        }
        if (settings.productType() == ProductType.E_TICKET) {
            if (settings.ticketValidUntil() == null || (settings.ticketValidFrom() != null
                    && !settings.ticketValidFrom().isBefore(settings.ticketValidUntil()))) {
                throw Refusal.unprocessable("INVALID_TICKET_VALIDITY",
                        "an e_ticket needs ticket_valid_until, after ticket_valid_from when that is given");
            }
            if (settings.freightTemplateId() != null || (settings.unifiedShippingFee() != null
                    && settings.unifiedShippingFee().isPositive())) {
                throw Refusal.unprocessable("E_TICKET_NOT_SHIPPED", "e-tickets are never shipped: no shipping terms");
            }
        } else if (settings.ticketValidFrom() != null || settings.ticketValidUntil() != null) {
            throw Refusal.unprocessable("INVALID_TICKET_VALIDITY", "only e_ticket products have a ticket validity");
        }
    }

    static void requireSound(SkuTerms sku, String skuCode) {
        if (!sku.price().isPositive()) {
            throw Refusal.unprocessable("INVALID_PRICE", "price of " + skuCode + " must be above 0");
        }
        if (sku.costPrice() != null && sku.costPrice().isNegative()) {
            throw Refusal.unprocessable("INVALID_PRICE", "cost_price of " + skuCode + " is negative");
        }
        if (sku.pointsDeductible().isNegative() || sku.pointsDeductible().compareTo(sku.price()) > 0) {
            throw Refusal.unprocessable("INVALID_POINTS_DEDUCTIBLE",
                    "points_deductible of " + skuCode + " is between 0 and its price " + sku.price());
        }
        if (sku.weightGrams() < 0 || sku.givePoints() < 0 || (sku.pointsPrice() != null && sku.pointsPrice() < 0)) {
            throw Refusal.unprocessable("INVALID_SKU_TERMS",
                    "weight_grams, give_points and points_price of " + skuCode + " are 0 or more");
        }
    }

    /** The settings after a patch: a template clears the unified fee and the reverse; a physical product no ticket. */
    static ProductSettings patched(ProductSettings s, ProductPatch p) {
        String template = s.freightTemplateId();
        var unified = s.unifiedShippingFee();
        if (p.freightTemplateId() != null && p.unifiedShippingFee() != null) {
            template = p.freightTemplateId();
            unified = p.unifiedShippingFee(); // refused by requireSound, as on create
        } else if (p.freightTemplateId() != null) {
            template = p.freightTemplateId();
            unified = null;
        } else if (p.unifiedShippingFee() != null) {
            template = null;
            unified = p.unifiedShippingFee();
        }
        ProductType type = Objects.requireNonNullElse(p.productType(), s.productType());
        boolean ticket = type == ProductType.E_TICKET;
        return new ProductSettings(first(p.categoryId(), s.categoryId()), type,
                Objects.requireNonNullElse(p.onShelf(), s.onShelf()),
                Objects.requireNonNullElse(p.purchaseLimit(), s.purchaseLimit()), template, unified,
                ticket ? first(p.ticketValidFrom(), s.ticketValidFrom()) : null,
                ticket ? first(p.ticketValidUntil(), s.ticketValidUntil()) : null);
    }

    static SkuTerms patched(SkuTerms s, SkuPatch p) {
        return new SkuTerms(s.skuId(), Objects.requireNonNullElse(p.price(), s.price()),
                first(p.costPrice(), s.costPrice()), first(p.pointsPrice(), s.pointsPrice()),
                Objects.requireNonNullElse(p.weightGrams(), s.weightGrams()),
                Objects.requireNonNullElse(p.pointsDeductible(), s.pointsDeductible()),
                Objects.requireNonNullElse(p.givePoints(), s.givePoints()));
    }

    private static <T> T first(T patched, T current) {
        return patched != null ? patched : current;
    }
}
