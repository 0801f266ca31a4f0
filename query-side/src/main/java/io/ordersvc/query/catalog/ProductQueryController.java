package io.ordersvc.query.catalog;

import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.catalog.ProductQuery;
import io.ordersvc.shared.catalog.ProductQuery.ListProducts;
import io.ordersvc.shared.catalog.ProductQuery.ProductPage;
import io.ordersvc.shared.catalog.ProductQuery.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Catalog")
public class ProductQueryController {

    private final QueryGateway queries;
    private final ProductQueries products;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public ProductQueryController(QueryGateway queries, ProductQueries products, ReadModelWait wait,
                                  CurrentActor actor) {
        this.queries = queries;
        this.products = products;
        this.wait = wait;
        this.actor = actor;
    }

    @GetMapping
    @Operation(operationId = "listProducts", summary = "The catalog, newest first", description = "Any signed-in caller. shop_id: one shop's "
            + "products; category_id: one category's; on_shelf: on or off shelf; name: names containing this text, "
            + "in any case. Cost prices only for the shop's seller and admins.")
    public ProductPage list(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64) String shopId,
                            @RequestParam(name = "category_id", required = false) @Size(min = 1, max = 64)
                            String categoryId,
                            @RequestParam(name = "on_shelf", required = false)
                            @Pattern(regexp = "true|false", message = "must be true or false")
                            @Schema(allowableValues = {"true", "false"}) String onShelf,
                            @RequestParam(required = false) @Size(min = 1, max = 100) String name,
                            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new ListProducts(shopId, categoryId,
                onShelf == null ? null : Boolean.valueOf(onShelf), name, page, size, actor.get()), ProductPage.class).join();
    }

    @ProblemCodes(notFound = {"PRODUCT_NOT_FOUND"})
    @GetMapping("/{productId}")
    @Operation(operationId = "getProduct", summary = "A product with its SKUs, current prices and available stock", description = "Cost prices "
            + "only for the shop's seller and admins.")
    public ResponseEntity<ProductView> product(@PathVariable UUID productId,
                                               @RequestParam(name = "min_version", required = false)
                                               @PositiveOrZero Long minVersion) {
        String id = productId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> products.version(id),
                () -> queries.query(new ProductQuery(id, caller), ProductView.class).join());
    }
}
