package io.ordersvc.standalone.catalog;

import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.orderBody;
import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** The wave-2 catalog terms: created, edited with PATCH, shown, and obeyed when an order is placed. */
class CatalogTermsIT extends IntegrationTest {

    @Test
    void a_seller_sets_and_edits_the_terms_and_the_catalog_shows_them() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String template = api.post("/api/v1/freight-templates", seller, Map.of("name", "全国", "charge_by", "weight",
                "default", Map.of("first", 1000, "first_fee", "10.00", "additional", 500, "additional_fee", "3.00")))
                .expect(201).text("freight_template_id");
        JsonNode created = api.post("/api/v1/products", seller, Map.of("name", "茶叶 " + shop, "category_id", "tea",
                "purchase_limit", 3, "freight_template_id", template, "skus", List.of(Map.of("sku_code", "T250",
                        "price", "88.00", "stock", 10, "weight_grams", 250, "points_deductible", "8.80",
                        "give_points", 88)))).expect(201).body();
        String product = created.path("product_id").asString();
        String sku = created.path("skus").get(0).path("sku_id").asString();

        JsonNode shown = api.product(product, seller, 0);
        assertThat(shown.path("category_id").asString()).isEqualTo("tea");
        assertThat(shown.path("product_type").asString()).isEqualTo("physical");
        assertThat(shown.path("on_shelf").asBoolean()).isTrue();
        assertThat(shown.path("purchase_limit").asInt()).isEqualTo(3);
        assertThat(shown.path("freight_template_id").asString()).isEqualTo(template);
        assertThat(shown.path("skus").get(0).path("weight_grams").asLong()).isEqualTo(250);
        assertThat(shown.path("skus").get(0).path("points_deductible").asString()).isEqualTo("8.80");
        assertThat(shown.path("skus").get(0).path("give_points").asLong()).isEqualTo(88);

        var edited = api.patch("/api/v1/products/" + product, seller, Map.of("on_shelf", false,
                "unified_shipping_fee", "6.00", "skus", List.of(Map.of("sku_id", sku, "price", "79.00")))).expect(200);
        assertThat(edited.body().path("version").asLong()).isEqualTo(1);
        JsonNode after = api.product(product, seller, 1);
        assertThat(after.path("on_shelf").asBoolean()).isFalse();
        assertThat(after.path("freight_template_id").isNull()).as("a unified fee replaces the template").isTrue();
        assertThat(after.path("unified_shipping_fee").asString()).isEqualTo("6.00");
        assertThat(after.path("skus").get(0).path("price").asString()).isEqualTo("79.00");
        assertThat(after.path("skus").get(0).path("weight_grams").asLong()).as("unsent fields stay").isEqualTo(250);
        assertThat(api.get("/api/v1/products?shop_id=" + shop + "&on_shelf=false&category_id=tea", seller)
                .expect(200).body().path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/products?shop_id=" + shop + "&on_shelf=true", seller)
                .expect(200).body().path("total").asLong()).isZero();

        String buyer = token(uniqueId("buyer"), "buyer");
        api.post("/api/v1/orders", buyer, orderBody(sku, 1)).expectProblem(422, "OFF_SHELF");
        api.patch("/api/v1/products/" + product, seller, Map.of("on_shelf", true)).expect(200);
        for (String blank : new String[]{"", " ", "\u0000"}) { // not a time, and not "absent" either
            api.patch("/api/v1/products/" + product, seller, Map.of("ticket_valid_until", blank)).expect(400);
        }
        api.post("/api/v1/orders", buyer, orderBody(sku, 4)).expectProblem(422, "OVER_PURCHASE_LIMIT");
        JsonNode order = api.post("/api/v1/orders", buyer, orderBody(sku, 3)).expect(201).body();
        assertThat(order.path("goods_amount").asString()).isEqualTo("237.00");
        assertThat(api.product(product, seller, 3).path("skus").get(0).path("stock").asLong()).isEqualTo(7);
    }

    @Test
    void edits_are_refused_with_a_reason_and_change_nothing() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        var skus = api.createProduct(seller, "被改 " + shop, "20.00", 5);
        String path = "/api/v1/products/" + skus.get(0).productId();
        String foreign = api.post("/api/v1/freight-templates", token(uniqueId("seller"), "seller", uniqueId("shop")),
                Map.of("name", "别家", "charge_by", "count", "default", Map.of("first", 1, "first_fee", "1.00",
                        "additional", 1, "additional_fee", "1.00"))).expect(201).text("freight_template_id");
        api.patch(path, seller, Map.of("freight_template_id", foreign))
                .expectProblem(422, "UNKNOWN_FREIGHT_TEMPLATE");
        api.patch(path, seller, Map.of("skus", List.of(Map.of("sku_id", skus.get(0).skuId(),
                "points_deductible", "20.01")))).expectProblem(422, "INVALID_POINTS_DEDUCTIBLE");
        api.patch(path, seller, Map.of("product_type", "e_ticket")).expectProblem(422, "INVALID_TICKET_VALIDITY");
        api.patch(path, seller, Map.of("skus", List.of(Map.of("sku_id", java.util.UUID.randomUUID().toString(),
                "price", "1.00")))).expectProblem(404, "SKU_NOT_FOUND");
        api.patch(path, seller, Map.of("purchase_limit", -1)).expectProblem(400, "VALIDATION_FAILED");
        api.patch(path, token(uniqueId("seller"), "seller", uniqueId("shop")), Map.of("on_shelf", false))
                .expectProblem(404, "PRODUCT_NOT_FOUND");
        api.patch(path, token(uniqueId("buyer"), "buyer"), Map.of("on_shelf", false)).expect(403);
        var body = new HashMap<String, Object>(Map.of("product_type", "e_ticket",
                "ticket_valid_until", "2027-06-30T16:00:00Z"));
        assertThat(api.patch(path, seller, body).expect(200).body().path("version").asLong()).isEqualTo(1);
        assertThat(api.product(skus.get(0).productId(), seller, 1).path("product_type").asString())
                .isEqualTo("e_ticket");
    }
}
