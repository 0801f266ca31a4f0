package io.ordersvc.command.catalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.command.support.AggregateCaches;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.catalog.ProductCommand.AdjustStock;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductCommand.EditProduct;
import io.ordersvc.shared.catalog.ProductCommand.ProductPatch;
import io.ordersvc.shared.catalog.ProductCommand.SkuPatch;
import io.ordersvc.shared.catalog.ProductEvent.ProductCreated;
import io.ordersvc.shared.catalog.ProductEvent.ProductEdited;
import io.ordersvc.shared.catalog.ProductEvent.StockAdjusted;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.Buying;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.SkuTerms;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A catalog product and its SKUs' stock. Stock is only ever taken by {@link #reserve} inside the same unit of work
 * that places the order, so the aggregate's lock and its event stream's sequence numbers make overselling
 * impossible, within one JVM and across instances. Snapshotted (by field) because hot products collect many events.
 */
@FeatureApi // an order placement reserves with it (through Stock); its Reserved is the line's snapshot
@Revision("2") // snapshots taken before the selling terms existed are ignored; the events rebuild it
@Aggregate(snapshotTriggerDefinition = "productSnapshotTrigger", cache = AggregateCaches.PRODUCTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Product {

    @AggregateIdentifier
    private String productId;
    private String shopId;
    private String name;
    private String imageUrl;
    private ProductSettings settings;
    private Map<String, Sku> skus = new LinkedHashMap<>();

    /** A SKU's selling terms and available stock; what an order snapshots. */
    public record Sku(String skuId, String skuCode, Map<String, String> properties, SkuTerms terms, long available) {

        public Money price() {
            return terms.price();
        }

        public Long pointsPrice() {
            return terms.pointsPrice();
        }

        Sku withAvailable(long value) {
            return new Sku(skuId, skuCode, properties, terms, value);
        }
    }

    /** What {@link #reserve} hands to the order: the catalog data of the moment, and the quantity taken. */
    public record Reserved(String productId, String productName, String imageUrl, String shopId,
                           ProductSettings settings, Sku sku, int quantity) {
    }

    protected Product() {
    }

    /**
     * @param templateShop the shop of the freight template the product names (null: no such template); looked up by
     *                     {@link ProductEditing}, which creates the product
     */
    public Product(CreateProduct cmd, String templateShop, Instant now) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(cmd.shopId()))) {
            throw Refusal.forbidden("only the shop's seller or an admin may create its products");
        }
        if (cmd.skus() == null || cmd.skus().isEmpty()) {
            throw Refusal.unprocessable("NO_SKUS", "a product needs at least one SKU");
        }
        var codes = new HashSet<String>();
        for (SkuSpec sku : cmd.skus()) {
            if (!codes.add(sku.skuCode())) {
                throw Refusal.unprocessable("DUPLICATE_SKU_CODE", "sku_code " + sku.skuCode() + " appears twice");
            }
            ProductTerms.requireSound(sku.terms(), sku.skuCode());
        }
        ProductTerms.requireSound(cmd.settings(), cmd.shopId(), templateShop);
        apply(new ProductCreated(cmd.productId(), cmd.shopId(), cmd.name(), cmd.imageUrl(), cmd.settings(),
                List.copyOf(cmd.skus()), now));
    }

    /**
     * PATCH: the fields the patch names change; nothing else. An edit that changes nothing appends nothing.
     *
     * @param templateShop the shop of the freight template the patch names (null: none named, or no such template)
     */
    public ProductAck edit(EditProduct cmd, String templateShop, Instant now) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(shopId))) {
            throw Refusal.productNotFound(productId);
        }
        ProductPatch patch = cmd.patch();
        Map<String, SkuTerms> terms = new LinkedHashMap<>();
        skus.values().forEach(s -> terms.put(s.skuId(), s.terms()));
        for (SkuPatch p : patch.skus()) {
            Sku sku = sku(p.skuId());
            SkuTerms after = ProductTerms.patched(sku.terms(), p);
            ProductTerms.requireSound(after, sku.skuCode());
            terms.put(sku.skuId(), after);
        }
        ProductSettings after = ProductTerms.patched(settings, patch);
        boolean templateNamed = patch.freightTemplateId() != null;
        ProductTerms.requireSound(after, shopId, templateNamed ? templateShop : shopId);
        String newName = patch.name() != null ? patch.name() : name;
        String newImage = patch.imageUrl() != null ? patch.imageUrl() : imageUrl;
        boolean unchanged = after.equals(settings) && newName.equals(name) && java.util.Objects.equals(newImage,
                imageUrl) && skus.values().stream().allMatch(s -> s.terms().equals(terms.get(s.skuId())));
        if (!unchanged) {
            apply(new ProductEdited(productId, newName, newImage, after, List.copyOf(terms.values()), now));
        }
        return new ProductAck(productId, AggregateLifecycle.getVersion());
    }

    public record ProductAck(String productId, long version) {
    }

    @CommandHandler
    public StockLevel handle(AdjustStock cmd, Clock clock) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(shopId))) {
            throw Refusal.productNotFound(productId);
        }
        Sku sku = sku(cmd.skuId());
        long after = sku.available() + cmd.delta();
        if (after < 0) {
            throw Refusal.conflict("STOCK_BELOW_ZERO",
                    "only " + sku.available() + " available; cannot remove " + (-cmd.delta()));
        }
        apply(new StockAdjusted(productId, sku.skuId(), cmd.delta(), after, clock.instant()));
        return new StockLevel(productId, sku.skuId(), after, AggregateLifecycle.getVersion());
    }

    public record StockLevel(String productId, String skuId, long stock, long version) {
    }

    /** A problem with buying some units of a SKU now: the refusal a placement would meet. */
    public record Problem(String skuId, Refusal refusal) {
    }

    /** The catalog data of the moment for some units, and every reason they cannot be bought now. */
    public record Quote(List<Reserved> lines, List<Problem> problems) {
    }

    /**
     * What buying these units would take, without taking it, and every rule of {@link Buying} they break: for a
     * preview and for {@link #reserve}.
     */
    public Quote quote(Map<String, Integer> quantities, OrderType orderType) {
        List<Problem> problems = new ArrayList<>();
        List<Reserved> lines = new ArrayList<>();
        int units = quantities.values().stream().mapToInt(Integer::intValue).sum();
        for (var entry : quantities.entrySet()) {
            Sku sku = sku(entry.getKey());
            int quantity = entry.getValue();
            lines.add(new Reserved(productId, name, imageUrl, shopId, settings, sku, quantity));
            Buying.refusal(new Buying.Ask(name, sku.skuId(), settings.onShelf(), settings.purchaseLimit(),
                            orderType == OrderType.POINTS_EXCHANGE, sku.pointsPrice(), sku.available(), quantity, units))
                    .ifPresent(refusal -> problems.add(new Problem(sku.skuId(), refusal)));
        }
        return new Quote(lines, problems);
    }

    /** Takes stock for an order; all SKUs or none (a refusal leaves nothing applied). */
    public List<Reserved> reserve(String orderId, Map<String, Integer> quantities, OrderType orderType) {
        Quote quote = quote(quantities, orderType);
        if (!quote.problems().isEmpty()) {
            throw quote.problems().get(0).refusal();
        }
        List<StockChange> changes = quote.lines().stream().map(r -> new StockChange(r.sku().skuId(), r.quantity(),
                r.sku().available() - r.quantity())).toList();
        apply(new StockReserved(productId, orderId, changes));
        return quote.lines();
    }

    /** Gives back what an order took; the order's own status guard ensures it happens once per order. */
    public void release(String orderId, Map<String, Integer> quantities, String reason) {
        List<StockChange> changes = new ArrayList<>();
        for (var entry : quantities.entrySet()) {
            Sku sku = sku(entry.getKey());
            changes.add(new StockChange(sku.skuId(), entry.getValue(), sku.available() + entry.getValue()));
        }
        apply(new StockReleased(productId, orderId, changes, reason));
    }

    /**
     * Corrects what an order gave back: units given back (delta above 0) or taken back again (below 0, at most what
     * is available: units sold since stay sold). @return the units applied
     */
    public int correct(String orderId, String skuId, int delta) {
        Sku sku = sku(skuId);
        if (delta > 0) {
            apply(new StockReleased(productId, orderId, List.of(new StockChange(skuId, delta, sku.available() + delta)),
                    "stock_correction"));
            return delta;
        }
        int taken = (int) Math.min(-delta, sku.available());
        if (taken > 0) {
            apply(new StockReserved(productId, orderId, List.of(new StockChange(skuId, taken,
                    sku.available() - taken))));
        }
        return -taken;
    }

    private Sku sku(String skuId) {
        Sku sku = skus.get(skuId);
        if (sku == null) {
            throw Refusal.notFound("SKU_NOT_FOUND", "sku " + skuId + " is not part of product " + productId);
        }
        return sku;
    }

    @EventSourcingHandler
    void on(ProductCreated e) {
        productId = e.productId();
        shopId = e.shopId();
        name = e.name();
        imageUrl = e.imageUrl();
        settings = e.settings();
        for (SkuSpec s : e.skus()) {
            skus.put(s.skuId(), new Sku(s.skuId(), s.skuCode(), s.properties(), s.terms(), s.stock()));
        }
    }

    @EventSourcingHandler
    void on(ProductEdited e) {
        name = e.name();
        imageUrl = e.imageUrl();
        settings = e.settings();
        for (SkuTerms t : e.skus()) {
            skus.computeIfPresent(t.skuId(), (id, s) -> new Sku(s.skuId(), s.skuCode(), s.properties(), t,
                    s.available()));
        }
    }

    @EventSourcingHandler
    void on(StockAdjusted e) {
        skus.computeIfPresent(e.skuId(), (id, s) -> s.withAvailable(e.availableAfter()));
    }

    @EventSourcingHandler
    void on(StockReserved e) {
        e.items().forEach(c -> skus.computeIfPresent(c.skuId(), (id, s) -> s.withAvailable(c.availableAfter())));
    }

    @EventSourcingHandler
    void on(StockReleased e) {
        e.items().forEach(c -> skus.computeIfPresent(c.skuId(), (id, s) -> s.withAvailable(c.availableAfter())));
    }
}
