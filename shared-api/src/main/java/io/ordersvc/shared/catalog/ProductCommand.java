package io.ordersvc.shared.catalog;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public sealed interface ProductCommand extends ActorAware {

    String productId();

    record CreateProduct(@TargetAggregateIdentifier String productId, String shopId, String name, String imageUrl,
                         String freightTemplateId, List<SkuSpec> skus, Actor actor) implements ProductCommand {
    }

    record AdjustStock(@TargetAggregateIdentifier String productId, String skuId, long delta, Actor actor)
            implements ProductCommand {
    }
}
