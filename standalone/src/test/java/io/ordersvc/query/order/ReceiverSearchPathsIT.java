package io.ordersvc.query.order;

import io.ordersvc.platform.privacy.PersonalDataVault;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.order.OrderFilter;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver search names its few matching orders (read from the token table first), or filters by the token table
 * when they are many (OrderSpecifications.ReceiverMatches): both find the same orders, in the caller's scope. The
 * same for product-name and tracking-number searches over order_search (OrderSpecifications.TextMatches).
 */
class ReceiverSearchPathsIT extends IntegrationTest {

    @Autowired
    EntityManager em;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    OrderQueries queries;

    @Test
    void named_matches_and_the_token_table_find_the_same_orders() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        Api.Sku sku = api.createProduct(seller, "收件茶", "9.00", 10).get(0);
        String first = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        String second = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.order(second, buyer, 0);
        String other = api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201).text("order_id");
        api.order(other, seller, 0);
        Actor mine = new Actor(buyerId, Role.BUYER, null);
        Actor shops = new Actor("s", Role.SELLER, shop);

        for (OrderFilter.KeywordType type : List.of(OrderFilter.KeywordType.RECEIVER_NAME,
                OrderFilter.KeywordType.RECEIVER_PHONE)) {
            String keyword = type == OrderFilter.KeywordType.RECEIVER_NAME ? "张" : "0013800";
            OrderFilter f = new OrderFilter(null, null, null, null, null, null, type, keyword, null, null, null, null);
            assertThat(found(f, mine, token -> Optional.empty())).as("many: the token table")
                    .containsExactlyInAnyOrder(first, second);
            assertThat(found(f, mine, token -> Optional.of(named(token)))).as("few: named")
                    .containsExactlyInAnyOrder(first, second);
            assertThat(found(f, shops, token -> Optional.empty())).containsExactlyInAnyOrder(first, second, other);
            assertThat(found(f, shops, token -> Optional.of(named(token))))
                    .containsExactlyInAnyOrder(first, second, other);
        }
        OrderFilter nobody = new OrderFilter(null, null, null, null, null, null,
                OrderFilter.KeywordType.RECEIVER_PHONE, "999999", null, null, null, null);
        assertThat(found(nobody, shops, token -> Optional.of(List.of()))).as("no match named").isEmpty();
        assertThat(found(nobody, shops, token -> Optional.empty())).isEmpty();
    }

    private List<String> named(Long token) {
        return queries.fewReceiverMatches(token).orElseThrow();
    }

    @Test
    void named_text_matches_and_the_search_table_find_the_same_orders_in_scope() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        String word = uniqueId("Pot");
        Api.Sku sku = api.createProduct(seller, "青瓷" + word, "9.00", 10).get(0);
        String first = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        String second = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        String other = api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201).text("order_id");
        String elsewhereShop = uniqueId("shop");
        Api.Sku elsewhere = api.createProduct(token(uniqueId("seller"), "seller", elsewhereShop), "白瓷" + word,
                "9.00", 10).get(0);
        String foreign = api.placeOrder(buyer, elsewhere.skuId(), 1).expect(201).text("order_id");
        for (String id : List.of(first, second, other, foreign)) {
            api.order(id, token("admin-1", "admin"), 0);
        }
        Actor mine = new Actor(buyerId, Role.BUYER, null);
        Actor shops = new Actor("s", Role.SELLER, shop);
        OrderFilter f = new OrderFilter(null, null, null, null, null, null, OrderFilter.KeywordType.GOODS_NAME,
                word.toUpperCase(java.util.Locale.ROOT), null, null, null, null);

        assertThat(found(f, mine, (c, t, b, s) -> Optional.empty())).as("many: the search table")
                .containsExactlyInAnyOrder(first, second, foreign);
        assertThat(found(f, mine, queries::fewTextMatches)).as("few: named")
                .containsExactlyInAnyOrder(first, second, foreign);
        assertThat(queries.fewTextMatches(OrderSpecifications.GOODS, word.toLowerCase(java.util.Locale.ROOT),
                buyerId, null)).as("named within the buyer's orders").get(org.assertj.core.api.InstanceOfAssertFactories
                .LIST).containsExactlyInAnyOrder(first, second, foreign);
        assertThat(found(f, shops, (c, t, b, s) -> Optional.empty())).containsExactlyInAnyOrder(first, second, other);
        assertThat(found(f, shops, queries::fewTextMatches)).containsExactlyInAnyOrder(first, second, other);
        assertThat(queries.fewTextMatches(OrderSpecifications.GOODS, word.toLowerCase(java.util.Locale.ROOT), null,
                shop)).as("named within the shop's orders").get(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(first, second, other);
        OrderFilter nothing = new OrderFilter(null, null, null, null, null, null, OrderFilter.KeywordType.GOODS_NAME,
                word + "-none", null, null, null, null);
        assertThat(found(nothing, shops, queries::fewTextMatches)).as("no match named").isEmpty();
        assertThat(found(nothing, shops, (c, t, b, s) -> Optional.empty())).isEmpty();
    }

    private List<String> found(OrderFilter f, Actor actor, OrderSpecifications.ReceiverMatches receivers) {
        return found(f, actor, receivers, queries::fewTextMatches);
    }

    private List<String> found(OrderFilter f, Actor actor, OrderSpecifications.TextMatches texts) {
        return found(f, actor, queries::fewReceiverMatches, texts);
    }

    private List<String> found(OrderFilter f, Actor actor, OrderSpecifications.ReceiverMatches receivers,
                               OrderSpecifications.TextMatches texts) {
        var cb = em.getCriteriaBuilder();
        var q = cb.createQuery(String.class);
        var root = q.from(OrderViewEntity.class);
        q.select(root.get("orderId")).where(OrderSpecifications.matching(f, actor, vault, receivers, texts)
                .toPredicate(root, q, cb));
        return em.createQuery(q).getResultList();
    }
}
