package io.ordersvc.query.catalog;

import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.query.support.StaleHeader;
import io.ordersvc.shared.catalog.ProductQuery;
import io.ordersvc.shared.catalog.ProductQuery.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.PositiveOrZero;
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
    private final ProductProjection projection;
    private final ReadModelWait wait;

    public ProductQueryController(QueryGateway queries, ProductProjection projection, ReadModelWait wait) {
        this.queries = queries;
        this.projection = projection;
        this.wait = wait;
    }

    @GetMapping("/{productId}")
    @Operation(summary = "A product with its SKUs, current prices and available stock")
    public ResponseEntity<ProductView> product(@PathVariable UUID productId,
                                               @RequestParam(name = "min_version", required = false)
                                               @PositiveOrZero Long minVersion) {
        String id = productId.toString();
        boolean fresh = wait.awaitVersion(() -> projection.version(id), minVersion);
        ProductView view = queries.query(new ProductQuery(id), ProductView.class).join();
        return StaleHeader.respond(view, fresh);
    }
}
