package io.ordersvc.standalone.catalog;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /products: the paged catalog by shop and name; cost prices only for the shop's seller and admins. */
class CatalogQueryIT extends IntegrationTest {

    @Test
    void the_catalog_lists_a_shops_products_newest_first_and_finds_them_by_name() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyer = token(uniqueId("buyer"), "buyer");
        String first = create(seller, "Linen Shirt " + shop);
        String second = create(seller, "Wool Hat " + shop);
        String third = create(seller, "linen trousers " + shop);
        api.product(third, buyer, 0);

        JsonNode all = api.get("/api/v1/products?shop_id=" + shop, buyer).expect(200).body();
        assertThat(ids(all)).containsExactly(third, second, first);
        assertThat(all.path("total").asLong()).isEqualTo(3);
        JsonNode linen = api.get("/api/v1/products?shop_id=" + shop + "&name=LINEN", buyer).expect(200).body();
        assertThat(ids(linen)).containsExactly(third, first);
        JsonNode page = api.get("/api/v1/products?shop_id=" + shop + "&size=2&page=2", buyer).expect(200).body();
        assertThat(ids(page)).containsExactly(first);
        assertThat(page.path("total_pages").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/products?shop_id=" + shop + "&name=%25", buyer).expect(200).body()
                .path("total").asLong()).as("% is a character, not a wildcard").isZero();
        api.get("/api/v1/products?size=101", buyer).expectProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void cost_prices_are_shown_to_the_shop_and_admins_only() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String product = create(seller, "Costed " + shop);
        api.product(product, seller, 0); // the read model has it
        String path = "/api/v1/products/" + product;
        assertThat(costOf(api.get(path, seller).expect(200).body())).isEqualTo("16.00");
        assertThat(costOf(api.get(path, token("admin-1", "admin")).expect(200).body())).isEqualTo("16.00");
        assertThat(costOf(api.get(path, token(uniqueId("buyer"), "buyer")).expect(200).body())).isNull();
        assertThat(costOf(api.get(path, token(uniqueId("seller"), "seller", uniqueId("shop"))).expect(200).body()))
                .isNull();
        JsonNode listed = api.get("/api/v1/products?shop_id=" + shop, token(uniqueId("buyer"), "buyer")).body();
        assertThat(costOf(listed.path("items").get(0))).isNull();
    }

    private String create(String seller, String name) {
        return api.post("/api/v1/products", seller, Map.of("name", name, "skus", List.of(Map.of("sku_code", "S1",
                "price", "22.00", "cost_price", "16.00", "stock", 5)))).expect(201).text("product_id");
    }

    private static String costOf(JsonNode product) {
        JsonNode cost = product.path("skus").get(0).path("cost_price");
        return cost.isNull() || cost.isMissingNode() ? null : cost.asString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(p -> ids.add(p.path("product_id").asString()));
        return ids;
    }
}
