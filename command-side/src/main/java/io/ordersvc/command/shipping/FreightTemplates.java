package io.ordersvc.command.shipping;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.shipping.FreightRules;

import java.util.Optional;

/** The freight templates as other features of the command side see them: their shop and rules, by id. */
@FeatureApi
public interface FreightTemplates {

    record Template(String freightTemplateId, String shopId, FreightRules rules) {
    }

    Optional<Template> find(String freightTemplateId);
}
