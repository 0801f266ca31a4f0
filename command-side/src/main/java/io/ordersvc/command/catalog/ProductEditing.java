package io.ordersvc.command.catalog;

import io.ordersvc.command.catalog.Product.ProductAck;
import io.ordersvc.command.shipping.FreightTemplates;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductCommand.EditProduct;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Creating and editing products: looks up the freight template a product names (its shop), so that the aggregate can
 * refuse another shop's template or one that does not exist without doing I/O itself.
 */
@Component
public class ProductEditing {

    private final Repository<Product> products;
    private final FreightTemplates templates;

    public ProductEditing(Repository<Product> products, FreightTemplates templates) {
        this.products = products;
        this.templates = templates;
    }

    @CommandHandler
    public ProductAck handle(CreateProduct cmd, Clock clock) throws Exception {
        String templateShop = templateShop(cmd.settings().freightTemplateId());
        Aggregate<Product> product = products.newInstance(() -> new Product(cmd, templateShop, clock.instant()));
        return new ProductAck(cmd.productId(), product.version());
    }

    @CommandHandler
    public ProductAck handle(EditProduct cmd, Clock clock) {
        Aggregate<Product> product = products.load(cmd.productId()); // not found: the controller's PRODUCT_NOT_FOUND
        String templateShop = templateShop(cmd.patch().freightTemplateId());
        return product.invoke(p -> p.edit(cmd, templateShop, clock.instant()));
    }

    private String templateShop(String freightTemplateId) {
        return templates.find(freightTemplateId).map(FreightTemplates.Template::shopId).orElse(null);
    }
}
