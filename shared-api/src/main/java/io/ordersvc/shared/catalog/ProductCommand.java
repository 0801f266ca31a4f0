package io.ordersvc.shared.catalog;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import io.ordersvc.shared.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public sealed interface ProductCommand extends ActorAware {

    String productId();

    record CreateProduct(@TargetAggregateIdentifier String productId, String shopId, String name, String imageUrl,
                         ProductSettings settings, List<SkuSpec> skus, Actor actor) implements ProductCommand {

        public CreateProduct {
            settings = settings == null ? ProductSettings.DEFAULT : settings;
        }

    }

    /** PATCH /products/{id}: null leaves a field as it is. */
    record EditProduct(@TargetAggregateIdentifier String productId, ProductPatch patch, Actor actor)
            implements ProductCommand {
    }

    /**
     * The fields an edit changes; null: unchanged. A freight template and a unified fee exclude each other: setting
     * one clears the other.
     */
    record ProductPatch(String name, String imageUrl, String categoryId, ProductType productType, Boolean onShelf,
                        Integer purchaseLimit, String freightTemplateId, Money unifiedShippingFee,
                        Instant ticketValidFrom, Instant ticketValidUntil, List<SkuPatch> skus) {

        public ProductPatch {
            skus = skus == null ? List.of() : List.copyOf(skus);
        }
    }

    record SkuPatch(String skuId, Money price, Money costPrice, Long pointsPrice, Long weightGrams,
                    Money pointsDeductible, Long givePoints) {
    }

    record AdjustStock(@TargetAggregateIdentifier String productId, String skuId, long delta, Actor actor)
            implements ProductCommand {
    }
}
