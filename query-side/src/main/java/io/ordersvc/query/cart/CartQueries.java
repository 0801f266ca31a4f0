package io.ordersvc.query.cart;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.cart.CartPricing;
import io.ordersvc.shared.cart.CartQuery;
import io.ordersvc.shared.cart.CartQuery.CartView;
import io.ordersvc.shared.catalog.ProductQuery.SkuTermsList;
import io.ordersvc.shared.catalog.ProductQuery.SkuTermsQuery;
import io.ordersvc.shared.checkout.Pricing;
import io.ordersvc.shared.member.MemberQuery;
import io.ordersvc.shared.member.MemberQuery.MemberView;
import io.ordersvc.shared.promotion.PromotionQuery.RunningList;
import io.ordersvc.shared.promotion.PromotionQuery.RunningQuery;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /cart: the buyer's items from cart_view, priced now with the catalog's terms, the running promotions and the
 * buyer's level (each asked of its own feature), by {@link CartPricing}, the checkout's rules.
 */
@Component
public class CartQueries {

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;
    private final Clock clock;

    CartQueries(JdbcTemplate jdbc, QueryGateway queries, Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.clock = clock;
    }

    public Optional<Long> version(String buyerId) {
        return jdbc.queryForList("SELECT version FROM cart_view WHERE buyer_id = ?", Long.class, buyerId).stream()
                .findFirst();
    }

    @QueryHandler
    CartView handle(CartQuery query) {
        record Row(String items, long version) {
        }
        Row row = jdbc.query("SELECT items, version FROM cart_view WHERE buyer_id = ?",
                        (rs, i) -> new Row(rs.getString(1), rs.getLong(2)), query.buyerId()).stream().findFirst()
                .orElse(new Row("[]", -1));
        List<CartProjection.StoredItem> stored = JsonText.read(row.items(), CartProjection.ITEMS);
        Instant now = clock.instant();
        if (stored.isEmpty()) {
            return CartPricing.price(List.of(), Map.of(), Pricing.Member.NONE, List.of(), now, row.version());
        }
        List<String> skuIds = stored.stream().map(CartProjection.StoredItem::skuId).distinct().toList();
        Map<String, CartPricing.Sku> catalog = new HashMap<>();
        queries.query(new SkuTermsQuery(skuIds), SkuTermsList.class).join().skus().forEach(s ->
                catalog.put(s.skuId(), new CartPricing.Sku(s.skuId(), s.productId(), s.shopId(), s.name(),
                        s.imageUrl(), s.properties(), s.price(), s.stock(), s.onShelf(), s.purchaseLimit())));
        List<String> shops = List.copyOf(new LinkedHashSet<>(stored.stream()
                .map(CartProjection.StoredItem::shopId).toList()));
        List<Pricing.Offer> offers = queries.query(new RunningQuery(shops, now), RunningList.class).join()
                .promotions().stream().map(p -> new Pricing.Offer(p.promotionId(), p.shopId(), p.rules())).toList();
        MemberView member = queries.query(new MemberQuery(query.buyerId()), MemberView.class).join();
        List<CartPricing.Held> held = stored.stream().map(i -> new CartPricing.Held(i.itemId(), i.skuId(),
                i.productId(), i.shopId(), i.quantity(), i.priceWhenAdded(), i.selected())).toList();
        return CartPricing.price(held, catalog, new Pricing.Member(member.level(), member.discountRate()), offers,
                now, row.version());
    }
}
