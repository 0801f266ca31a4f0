package io.ordersvc.standalone.promotion;

import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Promotions over HTTP: created by a shop or the platform, listed by anybody, ended by their owner. */
class PromotionIT extends IntegrationTest {

    static Map<String, Object> fullReduction(String name, Instant from, Instant to) {
        return new HashMap<>(Map.of("name", name, "type", "full_reduction", "starts_at", from.toString(),
                "ends_at", to.toString(), "tiers", List.of(Map.of("threshold_amount", "300.00", "reduction", "50.00"),
                        Map.of("threshold_amount", "500.00", "reduction", "100.00"))));
    }

    @Test
    void a_shop_runs_a_promotion_buyers_see_it_and_the_shop_ends_it() {
        String shop = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", shop);
        String buyer = token(uniqueId("buyer"), "buyer");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var created = api.post("/api/v1/promotions", seller, fullReduction("满300减50", now.minusSeconds(60),
                now.plus(7, ChronoUnit.DAYS))).expect(201);
        String id = created.text("promotion_id");
        assertThat(created.header("Location")).endsWith("/api/v1/promotions/" + id);
        String later = api.post("/api/v1/promotions", seller, fullReduction("双12", now.plus(10, ChronoUnit.DAYS),
                now.plus(11, ChronoUnit.DAYS))).expect(201).text("promotion_id");

        JsonNode shown = api.get("/api/v1/promotions/" + id + "?min_version=0", buyer).expect(200).body();
        assertThat(shown.path("shop_id").asString()).isEqualTo(shop);
        assertThat(shown.path("type").asString()).isEqualTo("full_reduction");
        assertThat(shown.path("status").asString()).isEqualTo("running");
        assertThat(shown.path("tiers").get(1).path("reduction").asString()).isEqualTo("100.00");
        api.get("/api/v1/promotions/" + later + "?min_version=0", buyer).expect(200);
        assertThat(ids(api.get("/api/v1/promotions?shop_id=" + shop + "&active=true", buyer).expect(200).body()))
                .contains(id).doesNotContain(later);
        assertThat(ids(api.get("/api/v1/promotions?shop_id=" + shop + "&active=false", buyer).expect(200).body()))
                .contains(later).doesNotContain(id);
        assertThat(ids(api.get("/api/v1/promotions", seller).expect(200).body()))
                .as("its own shop's, and the platform's").containsSubsequence(later, id);

        api.post("/api/v1/promotions/" + id + "/end", token(uniqueId("seller"), "seller", uniqueId("shop")), null)
                .expectProblem(404, "PROMOTION_NOT_FOUND");
        api.post("/api/v1/promotions/" + id + "/end", buyer, null).expect(403);
        assertThat(api.post("/api/v1/promotions/" + id + "/end", seller, null).expect(200).body().path("version")
                .asLong()).isEqualTo(1);
        api.post("/api/v1/promotions/" + id + "/end", seller, null).expectProblem(409, "PROMOTION_ENDED");
        JsonNode ended = api.get("/api/v1/promotions/" + id + "?min_version=1", buyer).expect(200).body();
        assertThat(ended.path("status").asString()).isEqualTo("ended");
        assertThat(ended.path("ended_at").isNull()).isFalse();
        assertThat(ids(api.get("/api/v1/promotions?shop_id=" + shop + "&active=true", buyer).expect(200).body()))
                .doesNotContain(id);
    }

    @Test
    void the_platform_runs_promotions_for_every_shop() {
        String admin = token("admin-1", "admin");
        Instant now = Instant.now();
        var body = fullReduction("跨店满减", now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS));
        body.put("type", "full_discount");
        body.put("tiers", List.of(Map.of("threshold_count", 2, "discount_rate", 0.9),
                Map.of("threshold_count", 3, "discount_rate", 0.8)));
        body.put("member_levels", List.of(1, 2));
        String id = api.post("/api/v1/promotions", admin, body).expect(201).text("promotion_id");
        JsonNode shown = api.get("/api/v1/promotions/" + id + "?min_version=0", admin).expect(200).body();
        assertThat(shown.path("shop_id").isNull()).isTrue();
        assertThat(shown.path("tiers").get(1).path("discount_rate").asDouble()).isEqualTo(0.8);
        assertThat(shown.path("member_levels").get(1).asInt()).isEqualTo(2);
        String anyShop = uniqueId("shop");
        assertThat(ids(api.get("/api/v1/promotions?shop_id=" + anyShop, token(uniqueId("buyer"), "buyer"))
                .expect(200).body())).contains(id);
        assertThat(ids(api.get("/api/v1/promotions?platform=true&active=true", admin).expect(200).body())).contains(id);
        api.post("/api/v1/promotions", token(uniqueId("seller"), "seller", anyShop), body).expect(201);
    }

    @Test
    void contradictory_terms_are_refused_with_their_field() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        Instant now = Instant.now();
        var rising = fullReduction("乱", now, now.plus(1, ChronoUnit.DAYS));
        rising.put("tiers", List.of(Map.of("threshold_amount", "500.00", "reduction", "50.00"),
                Map.of("threshold_amount", "300.00", "reduction", "30.00")));
        var problem = api.post("/api/v1/promotions", seller, rising).expectProblem(422, "INVALID_PROMOTION");
        assertThat(problem.body().path("detail").asString()).contains("tiers[1]");
        var gift = fullReduction("送", now, now.plus(1, ChronoUnit.DAYS));
        gift.put("type", "free_gift");
        gift.put("tiers", List.of(Map.of("threshold_amount", "99.00")));
        gift.put("gifts", List.of(Map.of("sku_id", java.util.UUID.randomUUID().toString(), "price", "0.00",
                "max_select", 1)));
        assertThat(api.post("/api/v1/promotions", seller, gift).expectProblem(422, "INVALID_PROMOTION").body()
                .path("detail").asString()).contains("gifts[0].sku_id");
        var rate = fullReduction("折", now, now.plus(1, ChronoUnit.DAYS));
        rate.put("type", "full_discount");
        rate.put("tiers", List.of(Map.of("threshold_count", 2, "discount_rate", 1.5)));
        api.post("/api/v1/promotions", seller, rate).expectProblem(400, "VALIDATION_FAILED");
        rate.put("type", "half_price");
        api.post("/api/v1/promotions", seller, rate).expectProblem(400, "MALFORMED_REQUEST");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(p -> ids.add(p.path("promotion_id").asString()));
        return ids;
    }
}
