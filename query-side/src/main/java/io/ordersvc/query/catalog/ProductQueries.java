package io.ordersvc.query.catalog;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.catalog.ProductQuery;
import io.ordersvc.shared.catalog.ProductQuery.ListProducts;
import io.ordersvc.shared.catalog.ProductQuery.ProductPage;
import io.ordersvc.shared.catalog.ProductQuery.ProductView;
import io.ordersvc.shared.catalog.ProductQuery.SkuTermsList;
import io.ordersvc.shared.catalog.ProductQuery.SkuTermsQuery;
import io.ordersvc.shared.catalog.ProductQuery.SkuTermsView;
import io.ordersvc.shared.catalog.ProductQuery.SkuView;
import io.ordersvc.shared.catalog.ProductType;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Answers the catalog's queries: one product, the paged catalog, and the selling terms of some SKUs. */
@Component
@Transactional(readOnly = true)
public class ProductQueries {

    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {
    };

    private final ProductViewRepository products;
    private final ProductSkuRepository skus;

    ProductQueries(ProductViewRepository products, ProductSkuRepository skus) {
        this.products = products;
        this.skus = skus;
    }

    public Optional<Long> version(String productId) {
        return products.findVersion(productId);
    }

    @QueryHandler
    ProductView handle(ProductQuery query) {
        ProductViewEntity p = products.lookup(query.productId())
                .orElseThrow(() -> Refusal.productNotFound(query.productId()));
        return view(p, skus.findByProductIdOrderByPosition(p.productId), query.actor());
    }

    @QueryHandler
    ProductPage handle(ListProducts query) {
        Specification<ProductViewEntity> matching = (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (query.shopId() != null) {
                where.add(cb.equal(root.get("shopId"), query.shopId()));
            }
            if (query.categoryId() != null) {
                where.add(cb.equal(root.get("categoryId"), query.categoryId()));
            }
            if (query.onShelf() != null) {
                where.add(cb.equal(root.get("onShelf"), query.onShelf()));
            }
            if (query.name() != null) {
                where.add(cb.like(cb.lower(root.get("name")), "%" + like(query.name()) + "%", '\\'));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        var page = products.findAll(matching, PageRequest.of(query.page() - 1, query.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("productId"))));
        List<String> ids = page.getContent().stream().map(p -> p.productId).toList();
        Map<String, List<ProductSkuEntity>> skusOf = ids.isEmpty() ? Map.of()
                : skus.findByProductIdInOrderByProductIdAscPositionAsc(ids).stream()
                .collect(Collectors.groupingBy(s -> s.productId));
        return ProductPage.of(page.getContent().stream()
                .map(p -> view(p, skusOf.getOrDefault(p.productId, List.of()), query.actor())).toList(),
                query.page(), query.size(), page.getTotalElements());
    }

    @QueryHandler
    SkuTermsList handle(SkuTermsQuery query) {
        if (query.skuIds().isEmpty()) {
            return new SkuTermsList(List.of());
        }
        List<ProductSkuEntity> found = skus.findAllById(query.skuIds());
        Map<String, ProductViewEntity> productOf = products.findAllById(found.stream().map(s -> s.productId)
                .distinct().toList()).stream().collect(Collectors.toMap(p -> p.productId, p -> p));
        List<SkuTermsView> views = new ArrayList<>();
        for (ProductSkuEntity s : found) {
            ProductViewEntity p = productOf.get(s.productId);
            if (p != null) {
                views.add(new SkuTermsView(s.skuId, p.productId, p.shopId, p.name, p.imageUrl,
                        JsonText.read(s.properties, PROPERTIES), Money.of(s.price), s.stock, p.onShelf,
                        p.purchaseLimit));
            }
        }
        return new SkuTermsList(views);
    }

    /** Cost prices are the shop's business: shown to its seller and to admins only. */
    private static ProductView view(ProductViewEntity p, List<ProductSkuEntity> skus, Actor actor) {
        boolean costs = actor.is(Role.ADMIN) || actor.isSellerOf(p.shopId);
        List<SkuView> views = skus.stream()
                .map(s -> new SkuView(s.skuId, s.skuCode, JsonText.read(s.properties, PROPERTIES), Money.of(s.price),
                        costs && s.costPrice != null ? Money.of(s.costPrice) : null, s.pointsPrice, s.stock,
                        s.weightGrams, Money.of(s.pointsDeductible), s.givePoints))
                .toList();
        return new ProductView(p.productId, p.shopId, p.name, p.imageUrl, p.categoryId,
                ProductType.valueOf(p.productType.toUpperCase(Locale.ROOT)), p.onShelf, p.purchaseLimit,
                p.freightTemplateId, p.unifiedShippingFee == null ? null : Money.of(p.unifiedShippingFee),
                p.ticketValidFrom, p.ticketValidUntil, views, p.createdAt, p.updatedAt, version(p, skus));
    }

    /**
     * A product's version: the higher of its row's and its SKUs', since stock moves change the SKU rows only (the
     * same as ProductViewRepository#findVersion reads for a wait).
     */
    private static long version(ProductViewEntity p, List<ProductSkuEntity> skus) {
        return skus.stream().mapToLong(s -> s.version).reduce(p.version, Math::max);
    }

    private static String like(String text) {
        return text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
