package io.ordersvc.shared.catalog;

import io.ordersvc.shared.money.Money;

/** What a SKU sells on, as an edit leaves it (its code, properties and stock are not edited this way). */
public record SkuTerms(String skuId, Money price, Money costPrice, Long pointsPrice, long weightGrams,
                       Money pointsDeductible, long givePoints) {

    public SkuTerms {
        pointsDeductible = pointsDeductible == null ? Money.ZERO : pointsDeductible;
    }
}
