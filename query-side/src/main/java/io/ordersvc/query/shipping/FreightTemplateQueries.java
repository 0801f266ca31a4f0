package io.ordersvc.query.shipping;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.shipping.FreightRules;
import io.ordersvc.shared.shipping.FreightTemplateQuery;
import io.ordersvc.shared.shipping.FreightTemplateQuery.FreightTemplatePage;
import io.ordersvc.shared.shipping.FreightTemplateQuery.FreightTemplateView;
import io.ordersvc.shared.shipping.FreightTemplateQuery.ListFreightTemplates;
import io.ordersvc.shared.shipping.FreightTemplateQuery.ShippingFeeQuery;
import io.ordersvc.shared.shipping.ShippingFees;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.util.Optional;

/** Freight templates for their shop's seller and admins; the shipping fee under one for anybody signed in. */
@Component
@Transactional(readOnly = true)
public class FreightTemplateQueries {

    private static final TypeReference<FreightRules> RULES = new TypeReference<>() {
    };

    private final FreightTemplateViewRepository templates;

    FreightTemplateQueries(FreightTemplateViewRepository templates) {
        this.templates = templates;
    }

    public Optional<Long> version(String freightTemplateId) {
        return templates.findVersion(freightTemplateId);
    }

    @QueryHandler
    FreightTemplateView handle(FreightTemplateQuery query) {
        FreightTemplateViewEntity row = templates.lookup(query.freightTemplateId())
                .filter(t -> visible(t, query.actor()))
                .orElseThrow(() -> Refusal.freightTemplateNotFound(query.freightTemplateId()));
        return view(row);
    }

    @QueryHandler
    FreightTemplatePage handle(ListFreightTemplates query) {
        Actor actor = query.actor();
        String shopId = actor.is(Role.SELLER) ? actor.shopId() : query.shopId();
        Specification<FreightTemplateViewEntity> matching = (root, q, cb) ->
                shopId == null ? cb.conjunction() : cb.equal(root.get("shopId"), shopId);
        var page = templates.findAll(matching, PageRequest.of(query.page() - 1, query.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("freightTemplateId"))));
        return FreightTemplatePage.of(page.getContent().stream().map(FreightTemplateQueries::view).toList(),
                query.page(), query.size(), page.getTotalElements());
    }

    @QueryHandler
    ShippingFees.Quote handle(ShippingFeeQuery query) {
        FreightTemplateViewEntity row = templates.lookup(query.freightTemplateId())
                .orElseThrow(() -> Refusal.freightTemplateNotFound(query.freightTemplateId()));
        return ShippingFees.quote(JsonText.read(row.rules, RULES), query.regionCode(), query.count(),
                query.weightGrams(), query.amount());
    }

    private static boolean visible(FreightTemplateViewEntity row, Actor actor) {
        return actor.is(Role.ADMIN) || actor.isSellerOf(row.shopId);
    }

    private static FreightTemplateView view(FreightTemplateViewEntity row) {
        FreightRules rules = JsonText.read(row.rules, RULES);
        return new FreightTemplateView(row.freightTemplateId, row.shopId, rules.name(), rules.chargeBy(),
                rules.defaultCharge(), rules.regions(), rules.freeShipping(), rules.undeliverableRegions(),
                row.createdAt, row.updatedAt, row.version);
    }
}
