package io.ordersvc.standalone.shipping;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Freight templates (运费模板) and GET /shipping-fee, over HTTP. */
class ShippingFeesIT extends IntegrationTest {

    static Map<String, Object> template(String name, String firstFee) {
        return Map.of("name", name, "charge_by", "count",
                "default", Map.of("first", 1, "first_fee", firstFee, "additional", 1, "additional_fee", "2.00"),
                "regions", List.of(Map.of("region_codes", List.of("650000", "540000"), "first", 1,
                                "first_fee", "20.00", "additional", 1, "additional_fee", "10.00"),
                        Map.of("region_codes", List.of("310115"), "first", 1, "first_fee", "0.00",
                                "additional", 1, "additional_fee", "0.00")),
                "free_shipping", List.of(Map.of("region_codes", List.of("310000", "320000", "330000"),
                        "min_amount", "99.00")),
                "undeliverable_regions", List.of("710000"));
    }

    @Test
    void a_seller_keeps_templates_and_anybody_signed_in_asks_the_fee() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyer = token(uniqueId("buyer"), "buyer");
        var created = api.post("/api/v1/freight-templates", seller, template("全国", "8.00")).expect(201);
        String id = created.text("freight_template_id");
        assertThat(created.header("Location")).endsWith("/api/v1/freight-templates/" + id);

        JsonNode shown = api.get("/api/v1/freight-templates/" + id + "?min_version=0", seller).expect(200).body();
        assertThat(shown.path("shop_id").asString()).isEqualTo(shop);
        assertThat(shown.path("charge_by").asString()).isEqualTo("count");
        assertThat(shown.path("default").path("first_fee").asString()).isEqualTo("8.00");
        assertThat(shown.path("regions").get(0).path("region_codes").get(1).asString()).isEqualTo("540000");
        assertThat(shown.path("free_shipping").get(0).path("min_amount").asString()).isEqualTo("99.00");
        assertThat(shown.path("undeliverable_regions").get(0).asString()).isEqualTo("710000");

        String fee = "/api/v1/shipping-fee?freight_template_id=" + id;
        JsonNode quote = api.get(fee + "&region_code=110105&count=3", buyer).expect(200).body();
        assertThat(quote.path("fee").asString()).isEqualTo("12.00");
        assertThat(quote.path("rule").asString()).isEqualTo("default");
        assertThat(quote.path("free_reason").isNull()).isTrue();
        assertThat(api.get(fee + "&region_code=650102&count=2", buyer).expect(200).text("fee")).isEqualTo("30.00");
        assertThat(api.get(fee + "&region_code=310115&count=9", buyer).expect(200).text("rule")).isEqualTo("310115");
        JsonNode free = api.get(fee + "&region_code=320505&count=1&amount=99.00", buyer).expect(200).body();
        assertThat(free.path("fee").asString()).isEqualTo("0.00");
        assertThat(free.path("free_reason").asString()).isEqualTo("满¥99.00包邮");
        api.get(fee + "&region_code=710100", buyer).expectProblem(422, "REGION_NOT_DELIVERABLE");
        api.get(fee + "&region_code=999999", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.get(fee + "&region_code=110105&amount=1.001", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/shipping-fee?freight_template_id=" + java.util.UUID.randomUUID() + "&region_code=110105",
                buyer).expectProblem(404, "FREIGHT_TEMPLATE_NOT_FOUND");

        var replaced = api.put("/api/v1/freight-templates/" + id, seller, template("全国", "10.00")).expect(200);
        assertThat(replaced.body().path("version").asLong()).isEqualTo(1);
        api.get("/api/v1/freight-templates/" + id + "?min_version=1", seller).expect(200);
        assertThat(api.get(fee + "&region_code=110105&count=1", buyer).expect(200).text("fee")).isEqualTo("10.00");
    }

    @Test
    void templates_belong_to_their_shop() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String other = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String id = api.post("/api/v1/freight-templates", seller, template("本店", "8.00")).expect(201)
                .text("freight_template_id");
        api.get("/api/v1/freight-templates/" + id + "?min_version=0", seller).expect(200);
        api.get("/api/v1/freight-templates/" + id, other).expectProblem(404, "FREIGHT_TEMPLATE_NOT_FOUND");
        api.put("/api/v1/freight-templates/" + id, other, template("抢", "0.00"))
                .expectProblem(404, "FREIGHT_TEMPLATE_NOT_FOUND");
        api.get("/api/v1/freight-templates/" + id, token(uniqueId("buyer"), "buyer")).expect(403);
        api.post("/api/v1/freight-templates", token(uniqueId("buyer"), "buyer"), template("x", "1.00")).expect(403);
        assertThat(api.get("/api/v1/freight-templates", other).expect(200).body().path("total").asLong()).isZero();
        JsonNode mine = api.get("/api/v1/freight-templates", seller).expect(200).body();
        assertThat(mine.path("items").get(0).path("freight_template_id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/freight-templates?shop_id=" + shop, token("admin-1", "admin")).expect(200).body()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void bad_rules_name_their_field() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        var body = new java.util.HashMap<>(template("坏", "8.00"));
        body.put("undeliverable_regions", List.of("71000"));
        var problem = api.post("/api/v1/freight-templates", seller, body).expectProblem(400, "VALIDATION_FAILED");
        assertThat(problem.body().path("errors").get(0).path("field").asString())
                .startsWith("undeliverable_regions");
        body.put("undeliverable_regions", List.of());
        body.put("regions", List.of(Map.of("region_codes", List.of("310000"), "first", 1, "first_fee", "1.00",
                "additional", 1, "additional_fee", "1.00"), Map.of("region_codes", List.of("310000"), "first", 1,
                "first_fee", "2.00", "additional", 1, "additional_fee", "1.00")));
        api.post("/api/v1/freight-templates", seller, body).expectProblem(422, "INVALID_FREIGHT_RULES");
        body.put("regions", List.of());
        body.put("charge_by", "volume");
        api.post("/api/v1/freight-templates", seller, body).expectProblem(400, "MALFORMED_REQUEST");
    }
}
