package io.ordersvc.command.promotion;

import io.ordersvc.command.catalog.ProductShops;
import io.ordersvc.command.catalog.SkuOwners;
import io.ordersvc.shared.promotion.PromotionCommand.CreatePromotion;
import io.ordersvc.shared.promotion.PromotionRules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates promotions: checks that the products and gift SKUs a promotion names exist and belong to its shop (any
 * shop's, for a platform-wide one), so that the aggregate decides without I/O.
 */
@Component
class PromotionDesk {

    private final Repository<Promotion> promotions;
    private final SkuOwners owners;
    private final ProductShops products;

    PromotionDesk(Repository<Promotion> promotions, SkuOwners owners, ProductShops products) {
        this.promotions = promotions;
        this.owners = owners;
        this.products = products;
    }

    @CommandHandler
    Promotion.PromotionAck handle(CreatePromotion cmd, Clock clock) throws Exception {
        List<String> problems = problems(cmd.shopId(), cmd.rules());
        var promotion = promotions.newInstance(() -> new Promotion(cmd, problems, clock.instant()));
        return new Promotion.PromotionAck(cmd.promotionId(), promotion.version());
    }

    private List<String> problems(String shopId, PromotionRules rules) {
        List<String> problems = new ArrayList<>();
        Map<String, String> productShops = products.shops(rules.productIds());
        for (int i = 0; i < rules.productIds().size(); i++) {
            String shop = productShops.get(rules.productIds().get(i));
            if (shop == null || (shopId != null && !shopId.equals(shop))) {
                problems.add("product_ids[" + i + "]: not a product of " + (shopId == null ? "any shop" : "the shop"));
            }
        }
        Map<String, SkuOwners.Owner> gifts = owners.owners(rules.gifts().stream()
                .map(PromotionRules.Gift::skuId).toList());
        for (int i = 0; i < rules.gifts().size(); i++) {
            SkuOwners.Owner owner = gifts.get(rules.gifts().get(i).skuId());
            if (owner == null || (shopId != null && !Objects.equals(shopId, owner.shopId()))) {
                problems.add("gifts[" + i + "].sku_id: not a SKU of " + (shopId == null ? "any shop" : "the shop"));
            }
        }
        return problems;
    }
}
