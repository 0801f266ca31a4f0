package io.ordersvc.query.shop;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.shared.shop.ShopQuery;
import io.ordersvc.shared.shop.ShopQuery.ShopView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shop profiles: one for GET /shops/{id}, and the names and phones the order lists and details show. */
@Component
@FeatureApi // the order queries show each order's shop name and service phone
@Transactional(readOnly = true)
public class ShopQueries {

    private static final TypeReference<List<ReturnAddress>> ADDRESSES = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;

    ShopQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an order shows of its shop. */
    public record ShopName(String name, String servicePhone) {
    }

    /** The names and phones of these shops; shops without a profile are left out. */
    public Map<String, ShopName> names(Collection<String> shopIds) {
        Map<String, ShopName> names = new HashMap<>();
        if (!shopIds.isEmpty()) {
            jdbc.query("SELECT shop_id, name, service_phone FROM shop_view WHERE shop_id IN (:ids)",
                    Map.of("ids", shopIds), rs -> {
                        names.put(rs.getString(1), new ShopName(rs.getString(2), rs.getString(3)));
                    });
        }
        return names;
    }

    public Optional<Long> version(String shopId) {
        return jdbc.queryForList("SELECT version FROM shop_view WHERE shop_id = :id", Map.of("id", shopId),
                Long.class).stream().findFirst();
    }

    @QueryHandler
    ShopView handle(ShopQuery query) {
        Actor actor = query.actor();
        boolean own = actor.is(Role.ADMIN) || actor.isSellerOf(query.shopId());
        return jdbc.query("SELECT name, service_phone, return_addresses, version FROM shop_view WHERE shop_id = :id",
                        Map.of("id", query.shopId()), (rs, i) -> new ShopView(query.shopId(), rs.getString(1),
                                rs.getString(2), own ? JsonText.read(rs.getString(3), ADDRESSES) : null,
                                rs.getLong(4))).stream().findFirst()
                .orElseThrow(() -> Refusal.notFound("SHOP_NOT_FOUND", "shop " + query.shopId()
                        + " has no profile"));
    }
}
