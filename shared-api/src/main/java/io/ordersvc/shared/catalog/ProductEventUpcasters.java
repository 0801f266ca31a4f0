package io.ordersvc.shared.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersvc.shared.revision.ToRevision;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;

/**
 * Reads products created before their selling terms existed (ProductCreated revision null) as revision 2: a physical
 * product on shelf with no purchase limit, shipped by the template it named, its SKUs without weight or points terms.
 */
public final class ProductEventUpcasters {

    private ProductEventUpcasters() {
    }

    public static List<SingleEventUpcaster> all() {
        return List.of(new ToRevision(ProductEvent.ProductCreated.class, null, "2", node -> {
            ObjectNode settings = node.putObject("settings");
            settings.putNull("categoryId");
            settings.put("productType", ProductType.PHYSICAL.value());
            settings.put("onShelf", true);
            settings.put("purchaseLimit", 0);
            settings.set("freightTemplateId", node.remove("freightTemplateId"));
            settings.putNull("unifiedShippingFee");
            settings.putNull("ticketValidFrom");
            settings.putNull("ticketValidUntil");
            for (JsonNode sku : node.path("skus")) {
                ((ObjectNode) sku).put("weightGrams", 0);
                ((ObjectNode) sku).put("pointsDeductible", "0.00");
                ((ObjectNode) sku).put("givePoints", 0);
            }
        }));
    }
}
