package io.ordersvc.command.catalog;

import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.platform.web.validation.WebUrl;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.shared.catalog.ProductCommand.AdjustStock;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductCommand.EditProduct;
import io.ordersvc.shared.catalog.ProductCommand.ProductPatch;
import io.ordersvc.shared.catalog.ProductCommand.SkuPatch;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.ProductType;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.*;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Catalog")
public class ProductCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public ProductCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record CreateProductRequest(@NotBlank @Size(max = 200) @Schema(example = "纯棉T恤") @SingleLine String name,
                                @Size(max = 1024) @Schema(example = "https://img.example.com/t.jpg") @WebUrl String imageUrl,
                                @Size(max = 64) @SingleLine @Schema(example = "apparel") String categoryId,
                                @Schema(example = "physical") ProductType productType,
                                @Schema(description = "default true; off-shelf products cannot be bought")
                                Boolean onShelf,
                                @PositiveOrZero @Max(1_000_000) @Schema(description = "units per order; 0: no limit",
                                        example = "5") Integer purchaseLimit,
                                @Size(max = 64) @SingleLine String freightTemplateId,
                                @MinAmount("0.00") @Schema(type = "string", example = "6.00",
                                        description = "instead of a freight template") Money unifiedShippingFee,
                                @Schema(description = "e_ticket only") Instant ticketValidFrom,
                                @Schema(description = "e_ticket only, required for it") Instant ticketValidUntil,
                                @Size(max = 64) @Schema(description = "admin only: the shop the product belongs to")
                                String shopId,
                                @NotEmpty @Size(max = 100) List<@Valid @NotNull SkuRequest> skus) {

        ProductSettings settings() {
            return new ProductSettings(categoryId, productType, onShelf == null || onShelf,
                    purchaseLimit == null ? 0 : purchaseLimit, freightTemplateId, unifiedShippingFee, ticketValidFrom,
                    ticketValidUntil);
        }
    }

    record SkuRequest(@NotBlank @Size(max = 64) @Schema(example = "T-RED-X") @SingleLine String skuCode,
                      @Size(max = 20) Map<@NotBlank @Size(max = 50) String, @NotNull @Size(max = 100) String> properties,
                      @NotNull @MinAmount("0.01") @Schema(type = "string", example = "22.00") Money price,
                      @MinAmount("0.00") @Schema(type = "string", example = "16.00") Money costPrice,
                      @PositiveOrZero @Max(1_000_000_000) @Schema(example = "200") Long pointsPrice,
                      @NotNull @PositiveOrZero @Max(1_000_000_000) @Schema(example = "100") Long stock,
                      @PositiveOrZero @Max(1_000_000_000) @Schema(example = "250") Long weightGrams,
                      @MinAmount("0.00") @Schema(type = "string", example = "2.00",
                              description = "yuan per unit that points may pay") Money pointsDeductible,
                      @PositiveOrZero @Max(1_000_000_000) @Schema(example = "22",
                              description = "points per unit earned when the order completes") Long givePoints) {
    }

    /** PATCH: absent fields stay as they are; a freight template clears the unified fee and the reverse. */
    record EditProductRequest(@Size(min = 1, max = 200) @Schema(example = "纯棉T恤（新款）") @SingleLine String name,
                              @Size(max = 1024) @WebUrl String imageUrl,
                              @Size(min = 1, max = 64) @SingleLine String categoryId,
                              ProductType productType,
                              @Schema(example = "false") Boolean onShelf,
                              @PositiveOrZero @Max(1_000_000) Integer purchaseLimit,
                              @Size(min = 1, max = 64) @SingleLine String freightTemplateId,
                              @MinAmount("0.00") @Schema(type = "string", example = "0.00") Money unifiedShippingFee,
                              Instant ticketValidFrom,
                              Instant ticketValidUntil,
                              @Size(max = 100) List<@Valid @NotNull SkuEditRequest> skus) {
    }

    record SkuEditRequest(@NotNull UUID skuId,
                          @MinAmount("0.01") @Schema(type = "string", example = "19.90") Money price,
                          @MinAmount("0.00") @Schema(type = "string") Money costPrice,
                          @PositiveOrZero @Max(1_000_000_000) Long pointsPrice,
                          @PositiveOrZero @Max(1_000_000_000) Long weightGrams,
                          @MinAmount("0.00") @Schema(type = "string") Money pointsDeductible,
                          @PositiveOrZero @Max(1_000_000_000) Long givePoints) {
    }

    record StockRequest(@NotNull @Min(-1_000_000_000) @Max(1_000_000_000) @Schema(example = "50") Long delta) {
    }

    record ProductCreatedAck(String productId, String shopId, List<SkuSpec> skus, long version) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"NO_SKUS", "DUPLICATE_SKU_CODE", "INVALID_PRICE", "SHOP_REQUIRED",
            "UNKNOWN_FREIGHT_TEMPLATE", "SHIPPING_TERMS_CONFLICT", "INVALID_TICKET_VALIDITY", "E_TICKET_NOT_SHIPPED",
            "INVALID_POINTS_DEDUCTIBLE"})
    @PostMapping
    @Operation(operationId = "createProduct", summary = "Create a product with its SKUs (seller, admin)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new product",
            useReturnTypeSchema = true)
    public ResponseEntity<ProductCreatedAck> create(@Valid @RequestBody CreateProductRequest body) {
        Actor caller = actor.get();
        String shopId = caller.owningShop(body.shopId());
        String productId = ids.generateId().toString();
        List<SkuSpec> skus = body.skus().stream()
                .map(s -> new SkuSpec(ids.generateId().toString(), s.skuCode(),
                        s.properties() == null ? Map.of() : Map.copyOf(s.properties()), s.price(), s.costPrice(),
                        s.pointsPrice(), s.stock(), s.weightGrams() == null ? 0 : s.weightGrams(),
                        s.pointsDeductible(), s.givePoints() == null ? 0 : s.givePoints()))
                .toList();
        commands.send(new CreateProduct(productId, shopId, body.name(), body.imageUrl(), body.settings(), skus,
                caller));
        return ResponseEntity.created(URI.create("/api/v1/products/" + productId))
                .body(new ProductCreatedAck(productId, shopId, skus, 0));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"PRODUCT_NOT_FOUND", "SKU_NOT_FOUND"}, unprocessable = {"INVALID_PRICE",
            "UNKNOWN_FREIGHT_TEMPLATE", "SHIPPING_TERMS_CONFLICT", "INVALID_TICKET_VALIDITY", "E_TICKET_NOT_SHIPPED",
            "INVALID_POINTS_DEDUCTIBLE"})
    @PatchMapping("/{productId}")
    @Operation(operationId = "editProduct", summary = "Change a product's name, image, selling terms and SKU terms "
            + "(seller, admin)", description = "Only the fields sent change. Setting freight_template_id clears "
            + "unified_shipping_fee and the reverse. Orders placed before keep the prices and terms they were placed "
            + "with; carts show a changed price as price_changed.")
    public Product.ProductAck edit(@PathVariable UUID productId, @Valid @RequestBody EditProductRequest body) {
        var patch = new ProductPatch(body.name() == null ? null : body.name().strip(), body.imageUrl(),
                body.categoryId(), body.productType(), body.onShelf(), body.purchaseLimit(), body.freightTemplateId(),
                body.unifiedShippingFee(), body.ticketValidFrom(), body.ticketValidUntil(),
                body.skus() == null ? List.of() : body.skus().stream().map(s -> new SkuPatch(s.skuId().toString(),
                        s.price(), s.costPrice(), s.pointsPrice(), s.weightGrams(), s.pointsDeductible(),
                        s.givePoints())).toList());
        return commands.send(new EditProduct(productId.toString(), patch, actor.get()),
                () -> Refusal.productNotFound(productId.toString()));
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"PRODUCT_NOT_FOUND", "SKU_NOT_FOUND"}, conflict = {"STOCK_BELOW_ZERO"})
    @PostMapping("/{productId}/skus/{skuId}/stock")
    @Operation(operationId = "adjustStock", summary = "Restock or correct a SKU's stock by a delta (seller, admin)")
    public Product.StockLevel adjustStock(@PathVariable UUID productId, @PathVariable UUID skuId,
                                          @Valid @RequestBody StockRequest body) {
        return commands.send(new AdjustStock(productId.toString(), skuId.toString(), body.delta(), actor.get()),
                () -> Refusal.productNotFound(productId.toString()));
    }
}
