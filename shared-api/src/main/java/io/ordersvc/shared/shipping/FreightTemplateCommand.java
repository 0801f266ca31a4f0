package io.ordersvc.shared.shipping;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public sealed interface FreightTemplateCommand extends ActorAware {

    String freightTemplateId();

    record CreateFreightTemplate(@TargetAggregateIdentifier String freightTemplateId, String shopId,
                                 FreightRules rules, Actor actor) implements FreightTemplateCommand {
    }

    /** PUT: the template's rules replaced as a whole; orders placed before keep the fee they were charged. */
    record ReplaceFreightTemplate(@TargetAggregateIdentifier String freightTemplateId, FreightRules rules,
                                  Actor actor) implements FreightTemplateCommand {
    }
}
