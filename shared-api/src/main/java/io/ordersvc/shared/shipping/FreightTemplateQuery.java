package io.ordersvc.shared.shipping;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** One freight template, for its shop's seller or an admin. */
public record FreightTemplateQuery(String freightTemplateId, Actor actor) {

    /** A shop's templates (a seller's own; an admin's of {@code shopId}, or all), newest first. */
    public record ListFreightTemplates(String shopId, int page, int size, Actor actor) {
    }

    /** What shipping costs under a template (seed 000 calculate-shipping); any signed-in caller may ask. */
    public record ShippingFeeQuery(String freightTemplateId, String regionCode, long count, long weightGrams,
                                   Money amount) {
    }

    public record FreightTemplateView(String freightTemplateId, String shopId, String name, ChargeBy chargeBy,
                                      @JsonProperty("default") FreightRules.Charge defaultCharge,
                                      List<FreightRules.RegionCharge> regions,
                                      List<FreightRules.FreeShipping> freeShipping,
                                      List<String> undeliverableRegions, Instant createdAt, Instant updatedAt,
                                      long version) {
    }

    public record FreightTemplatePage(List<FreightTemplateView> items, int page, int size, long total,
                                      int totalPages) {

        public static FreightTemplatePage of(List<FreightTemplateView> items, int page, int size, long total) {
            return new FreightTemplatePage(items, page, size, total, (int) ((total + size - 1) / size));
        }
    }
}
