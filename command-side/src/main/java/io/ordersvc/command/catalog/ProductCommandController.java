package io.ordersvc.command.catalog;

import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.platform.web.validation.WebUrl;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.shared.catalog.ProductCommand.AdjustStock;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
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
                                @Size(max = 64) @SingleLine String freightTemplateId,
                                @Size(max = 64) @Schema(description = "admin only: the shop the product belongs to")
                                String shopId,
                                @NotEmpty @Size(max = 100) List<@Valid @NotNull SkuRequest> skus) {
    }

    record SkuRequest(@NotBlank @Size(max = 64) @Schema(example = "T-RED-X") @SingleLine String skuCode,
                      @Size(max = 20) Map<@NotBlank @Size(max = 50) String, @NotNull @Size(max = 100) String> properties,
                      @NotNull @MinAmount("0.01") @Schema(type = "string", example = "22.00") Money price,
                      @MinAmount("0.00") @Schema(type = "string", example = "16.00") Money costPrice,
                      @PositiveOrZero @Max(1_000_000_000) @Schema(example = "200") Long pointsPrice,
                      @NotNull @PositiveOrZero @Max(1_000_000_000) @Schema(example = "100") Long stock) {
    }

    record StockRequest(@NotNull @Min(-1_000_000_000) @Max(1_000_000_000) @Schema(example = "50") Long delta) {
    }

    record ProductCreatedAck(String productId, String shopId, List<SkuSpec> skus, long version) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"NO_SKUS", "DUPLICATE_SKU_CODE", "INVALID_PRICE", "SHOP_REQUIRED"})
    @PostMapping
    @Operation(operationId = "createProduct", summary = "Create a product with its SKUs (seller, admin)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new product",
            useReturnTypeSchema = true)
    public ResponseEntity<ProductCreatedAck> create(@Valid @RequestBody CreateProductRequest body) {
        Actor caller = actor.get();
        String shopId = caller.is(Role.SELLER) ? caller.shopId() : body.shopId();
        if (shopId == null || shopId.isBlank()) {
            throw Refusal.unprocessable("SHOP_REQUIRED", "an admin must name the product's shop_id");
        }
        String productId = ids.generateId().toString();
        List<SkuSpec> skus = body.skus().stream()
                .map(s -> new SkuSpec(ids.generateId().toString(), s.skuCode(),
                        s.properties() == null ? Map.of() : Map.copyOf(s.properties()), s.price(), s.costPrice(),
                        s.pointsPrice(), s.stock()))
                .toList();
        commands.send(new CreateProduct(productId, shopId, body.name(), body.imageUrl(), body.freightTemplateId(),
                skus, caller));
        return ResponseEntity.created(URI.create("/api/v1/products/" + productId))
                .body(new ProductCreatedAck(productId, shopId, skus, 0));
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
