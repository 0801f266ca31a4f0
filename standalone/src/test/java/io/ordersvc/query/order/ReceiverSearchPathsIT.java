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
 * same for product-name searches over order_search and tracking-number searches over the shipments' rows
 * (OrderSpecifications.TextMatches).
 */
class ReceiverSearchPathsIT extends IntegrationTest {

    @Autowired
    EntityManager em;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    OrderQueries queries;

    // Each test's own shop, its seller, and buyer (JUnit makes an instance a test).
    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyerId = uniqueId("buyer");
    final String buyer = token(buyerId, "buyer");

    @Test
    void named_matches_and_the_token_table_find_the_same_orders() {
        Api.Sku sku = api.createProduct(seller, "收件茶", "9.00", 10).get(0);
        String first = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        String second = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.order(second, buyer, 0);
        String other = api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201).text("order_id");
        api.order(other, seller, 0);
        Actor mine = new Actor(buyerId, Role.BUYER, null);
        Actor shops = new Actor("s", Role.SELLER, shop);
        // The second as a row written before phones were indexed by position: a token for each substring.
        jdbc.update(c -> {
            var ps = c.prepareStatement("UPDATE order_receiver_token SET tokens = ? WHERE order_id = ?");
            ps.setArray(1, c.createArrayOf("bigint", new Long[]{vault.nameToken("张"),
                    vault.substringToken("0013800"), vault.substringToken("13800138000")}));
            ps.setString(2, second);
            return ps;
        });

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

    private List<String> named(PersonalDataVault.TokenSearch search) {
        return queries.fewReceiverMatches(search).orElseThrow();
    }

    @Test
    void named_text_matches_and_the_search_table_find_the_same_orders_in_scope() {
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
        assertThat(queries.fewTextMatches(OrderSpecifications.Searchable.PRODUCT_NAMES, word.toLowerCase(java.util.Locale.ROOT),
                buyerId, null)).as("named within the buyer's orders").get(org.assertj.core.api.InstanceOfAssertFactories
                .LIST).containsExactlyInAnyOrder(first, second, foreign);
        assertThat(found(f, shops, (c, t, b, s) -> Optional.empty())).containsExactlyInAnyOrder(first, second, other);
        assertThat(found(f, shops, queries::fewTextMatches)).containsExactlyInAnyOrder(first, second, other);
        assertThat(queries.fewTextMatches(OrderSpecifications.Searchable.PRODUCT_NAMES, word.toLowerCase(java.util.Locale.ROOT), null,
                shop)).as("named within the shop's orders").get(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(first, second, other);
        OrderFilter nothing = new OrderFilter(null, null, null, null, null, null, OrderFilter.KeywordType.GOODS_NAME,
                word + "-none", null, null, null, null);
        assertThat(found(nothing, shops, queries::fewTextMatches)).as("no match named").isEmpty();
        assertThat(found(nothing, shops, (c, t, b, s) -> Optional.empty())).isEmpty();
    }

    /** Pays an order in full and ships it in one shipment a tracking number, a unit of its first line each. */
    private void shipEach(String orderId, String seller, String... trackingNos) {
        var placed = api.order(orderId, token("admin-1", "admin"), 0);
        api.pay(orderId, placed.path("pay_amount").asText(), uniqueId("T")).expect(200);
        String line = placed.path("lines").get(0).path("order_line_id").asText();
        for (String trackingNo : trackingNos) {
            api.post("/api/v1/orders/" + orderId + "/shipments", seller, java.util.Map.of("carrier_code", "SF",
                    "carrier_name", "顺丰速运", "tracking_no", trackingNo,
                    "lines", List.of(java.util.Map.of("order_line_id", line, "quantity", 1)))).expect(201);
        }
    }

    @Test
    void named_tracking_matches_and_the_shipments_find_the_same_orders_in_scope_each_once() {
        String word = uniqueId("Yt").replace("-", "");
        Api.Sku sku = api.createProduct(seller, "运单茶", "9.00", 10).get(0);
        String twice = api.placeOrder(buyer, sku.skuId(), 2).expect(201).text("order_id");
        String other = api.placeOrder(token(uniqueId("buyer"), "buyer"), sku.skuId(), 1).expect(201).text("order_id");
        String unshipped = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        String elsewhereShop = uniqueId("shop");
        String elsewhereSeller = token(uniqueId("seller"), "seller", elsewhereShop);
        Api.Sku elsewhere = api.createProduct(elsewhereSeller, "白茶", "9.00", 10).get(0);
        String foreign = api.placeOrder(buyer, elsewhere.skuId(), 1).expect(201).text("order_id");
        shipEach(twice, seller, word + "A1", word + "B2");
        shipEach(other, seller, word + "C3");
        shipEach(foreign, elsewhereSeller, word + "D4");
        for (String id : List.of(twice, other, unshipped, foreign)) {
            api.order(id, token("admin-1", "admin"), id.equals(unshipped) ? 0 : id.equals(twice) ? 3 : 2);
        }
        Actor mine = new Actor(buyerId, Role.BUYER, null);
        Actor shops = new Actor("s", Role.SELLER, shop);
        OrderFilter f = new OrderFilter(null, null, null, null, null, null, OrderFilter.KeywordType.TRACKING_NO,
                word.toLowerCase(java.util.Locale.ROOT), null, null, null, null);
        String lower = word.toLowerCase(java.util.Locale.ROOT);

        assertThat(found(f, mine, (c, t, b, s) -> Optional.empty())).as("many: the shipments")
                .containsExactlyInAnyOrder(twice, foreign);
        assertThat(found(f, mine, queries::fewTextMatches)).as("few: named").containsExactlyInAnyOrder(twice, foreign);
        assertThat(queries.fewTextMatches(OrderSpecifications.Searchable.TRACKING_NOS, lower, buyerId, null))
                .as("named within the buyer's orders, an order of two matching shipments once")
                .get(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(twice, foreign);
        assertThat(found(f, shops, (c, t, b, s) -> Optional.empty())).containsExactlyInAnyOrder(twice, other);
        assertThat(found(f, shops, queries::fewTextMatches)).containsExactlyInAnyOrder(twice, other);
        assertThat(queries.fewTextMatches(OrderSpecifications.Searchable.TRACKING_NOS, lower + "b2", null, shop))
                .as("the second shipment's number, upper-cased as the seller gave it")
                .get(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(twice);
        OrderFilter nothing = new OrderFilter(null, null, null, null, null, null, OrderFilter.KeywordType.TRACKING_NO,
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
