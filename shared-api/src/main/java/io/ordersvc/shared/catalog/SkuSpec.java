package io.ordersvc.shared.catalog;

import io.ordersvc.shared.money.Money;

import java.util.Map;

/**
 * A SKU as created: what the catalog sells, at which price, with how much stock.
 *
 * @param pointsDeductible yuan per unit that points may pay (003 is_integral); zero: none
 * @param givePoints       points per unit the buyer earns when the order completes (003 give_integral)
 */
public record SkuSpec(String skuId, String skuCode, Map<String, String> properties, Money price, Money costPrice,
                      Long pointsPrice, long stock, long weightGrams, Money pointsDeductible, long givePoints) {

    public SkuSpec {
        pointsDeductible = pointsDeductible == null ? Money.ZERO : pointsDeductible;
    }

    /** A SKU with no weight and no points terms. */
    public SkuSpec(String skuId, String skuCode, Map<String, String> properties, Money price, Money costPrice,
                   Long pointsPrice, long stock) {
        this(skuId, skuCode, properties, price, costPrice, pointsPrice, stock, 0, Money.ZERO, 0);
    }

    public SkuTerms terms() {
        return new SkuTerms(skuId, price, costPrice, pointsPrice, weightGrams, pointsDeductible, givePoints);
    }
}
