package io.ordersvc.standalone.checkout;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupons over HTTP: templates, claims, codes and grants; listed at checkout with why each cannot be used; locked
 * by an unpaid order, back when it is cancelled, used when it is paid; never spent twice.
 */
class CouponIT extends ShopFixtures {

    final String admin = token("admin-coupons", "admin");

    /** A template of the shop (or, seller null, the platform's): amount off, from a minimum spend. */
    String template(String owner, String name, String amount, String minSpend, int total, int perBuyer,
                    Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "amount", "amount", amount,
                "min_spend", minSpend, "per_buyer_limit", perBuyer, "total", total,
                "claim_from", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "claim_until", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "valid_days", 7));
        body.putAll(more);
        return api.post("/api/v1/coupon-templates", owner, body).expect(201).text("coupon_template_id");
    }

    JsonNode claim(String buyer, String template) {
        return api.post("/api/v1/coupon-templates/" + template + "/claim", buyer, null).expect(201).body();
    }

    JsonNode coupons(String buyer, String status, long minVersion) {
        return api.get("/api/v1/coupons?status=" + status + "&min_version=" + minVersion, buyer).expect(200).body();
    }

    JsonNode couponOf(String buyer, String couponId, String status) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            found[0] = null;
            api.get("/api/v1/coupons", buyer).expect(200).body().forEach(c -> {
                if (c.path("coupon_id").asString().equals(couponId)) {
                    found[0] = c;
                }
            });
            assertThat(found[0]).isNotNull();
            assertThat(found[0].path("status").asString()).isEqualTo(status);
        });
        return found[0];
    }

    static Map<String, Object> using(Map<String, Object> body, Map<String, Object> coupon) {
        Map<String, Object> out = new HashMap<>(body);
        out.put("coupon", coupon);
        return out;
    }

    @Test
    void a_seller_creates_templates_and_a_buyer_claims_within_the_limit() {
        Shop shop = shop();
        String bad = api.post("/api/v1/coupon-templates", shop.seller(), Map.of("name", "坏", "type", "amount",
                "rate", "0.80", "per_buyer_limit", 2, "total", 1, "claim_from", "2030-01-02T00:00:00Z",
                "claim_until", "2030-01-01T00:00:00Z", "valid_days", 3)).expectProblem(422,
                "INVALID_COUPON_TEMPLATE").raw();
        assertThat(bad).contains("amount: required for type amount", "rate: only for type rate",
                "claim_until: must be after claim_from", "per_buyer_limit: must not exceed total");
        api.post("/api/v1/coupon-templates", shop.seller(), Map.of("name", "x", "type", "cash"))
                .expect(400);
        String buyer = token(uniqueId("buyer"), "buyer");
        api.post("/api/v1/coupon-templates", buyer, Map.of("name", "x", "type", "amount", "amount", "1.00",
                "per_buyer_limit", 1, "total", 1, "claim_from", "2030-01-01T00:00:00Z", "claim_until",
                "2030-01-02T00:00:00Z", "valid_days", 1)).expect(403);

        String template = template(shop.seller(), "满100减20", "20.00", "100.00", 100, 1, Map.of());
        JsonNode claimed = claim(buyer, template);
        assertThat(claimed.path("coupon_template_id").asString()).isEqualTo(template);
        assertThat(Duration.between(Instant.parse(claimed.path("use_from").asString()),
                Instant.parse(claimed.path("use_until").asString()))).isEqualTo(Duration.ofDays(7));
        api.post("/api/v1/coupon-templates/" + template + "/claim", buyer, null)
                .expectProblem(422, "COUPON_LIMIT_REACHED");
        api.post("/api/v1/coupon-templates/" + java.util.UUID.randomUUID() + "/claim", buyer, null)
                .expectProblem(404, "COUPON_TEMPLATE_NOT_FOUND");

        JsonNode usable = coupons(buyer, "usable", claimed.path("version").asLong());
        assertThat(usable).hasSize(1);
        assertThat(usable.get(0).path("amount").asString()).isEqualTo("20.00");
        assertThat(usable.get(0).path("min_spend").asString()).isEqualTo("100.00");
        assertThat(usable.get(0).path("shop_id").asString()).isEqualTo(shop.id());
        assertThat(coupons(buyer, "used", 0)).isEmpty();
        api.get("/api/v1/coupons?status=lost", buyer).expect(400);

        JsonNode mine = api.get("/api/v1/coupon-templates", shop.seller()).expect(200).body();
        assertThat(mine.path("items")).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get(
                "/api/v1/coupon-templates", shop.seller()).expect(200).body().path("items").get(0).path("left")
                .asInt()).isEqualTo(99));
    }

    @Test
    void checkout_lists_the_coupons_applies_one_and_it_is_locked_released_and_used_with_the_order() {
        Shop shop = shop();
        Shop other = shop();
        String coat = sku(shop, "大衣", "120.00", 10);
        String hat = sku(shop, "帽子", "30.00", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        String twenty = claim(buyer, template(shop.seller(), "满100减20", "20.00", "100.00", 10, 1, Map.of()))
                .path("coupon_id").asString();
        claim(buyer, template(shop.seller(), "满500减50", "50.00", "500.00", 10, 1, Map.of()));
        claim(buyer, template(other.seller(), "别家", "5.00", "0.00", 10, 1, Map.of()));

        Map<String, Object> body = body("110105", coat, 1, hat, 1);
        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, using(body, Map.of("coupon_id", twenty)))
                .expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        JsonNode options = preview.path("coupons");
        assertThat(options).hasSize(3);
        assertThat(options.get(0).path("coupon_id").asString()).as("usable first").isEqualTo(twenty);
        assertThat(options.get(0).path("usable").asBoolean()).isTrue();
        assertThat(options.get(0).path("selected").asBoolean()).isTrue();
        List<String> reasons = new ArrayList<>();
        options.forEach(o -> reasons.add(o.path("unusable_reason").asString(null)));
        assertThat(reasons).containsExactlyInAnyOrder(null, "BELOW_MIN_SPEND", "WRONG_SHOP");
        options.forEach(o -> {
            if ("BELOW_MIN_SPEND".equals(o.path("unusable_reason").asString(null))) {
                assertThat(o.path("amount").asString()).as("its face amount").isEqualTo("50.00");
            }
        });
        JsonNode price = preview.path("price");
        assertThat(price.path("coupon_discount").asString()).isEqualTo("20.00");
        // 150.00 goods − 20.00 coupon + shipping (¥8 + ¥2 for two pieces outside Shanghai)
        assertThat(price.path("total_amount").asString()).isEqualTo("140.00");
        JsonNode lines = preview.path("shops").get(0).path("lines");
        assertThat(lines.get(0).path("discount_share").asString()).as("120/150 of 20.00").isEqualTo("16.00");
        assertThat(lines.get(1).path("discount_share").asString()).isEqualTo("4.00");

        JsonNode placed = api.post("/api/v1/checkouts", buyer, using(body, Map.of("coupon_id", twenty)))
                .expect(201).body();
        assertThat(placed.path("pay_amount").asString()).isEqualTo("140.00");
        String orderId = placed.path("orders").get(0).path("order_id").asString();
        JsonNode locked = couponOf(buyer, twenty, "locked");
        assertThat(locked.path("order_ids").get(0).asString()).isEqualTo(orderId);
        api.post("/api/v1/checkouts", buyer, using(body, Map.of("coupon_id", twenty)))
                .expectProblem(422, "COUPON_UNUSABLE");
        JsonNode again = api.post("/api/v1/checkouts/preview", buyer, using(body, Map.of("coupon_id", twenty)))
                .expect(200).body();
        List<String> held = new ArrayList<>();
        again.path("coupons").forEach(o -> {
            if (o.path("coupon_id").asString().equals(twenty)) {
                held.add(o.path("unusable_reason").asString());
            }
        });
        assertThat(held).containsExactly("ALREADY_USED");

        api.post("/api/v1/orders/" + orderId + "/cancel", buyer, Map.of("reason", "换一件")).expect(200);
        couponOf(buyer, twenty, "usable");

        JsonNode second = api.post("/api/v1/checkouts", buyer, using(body, Map.of("coupon_id", twenty)))
                .expect(201).body();
        String paidId = second.path("orders").get(0).path("order_id").asString();
        api.pay(paidId, "140.00", "tx-" + paidId).expect(200);
        couponOf(buyer, twenty, "used");
        JsonNode order = api.order(paidId, buyer, 1);
        assertThat(order.path("price").path("coupon_discount").asString()).isEqualTo("20.00");
        assertThat(order.path("lines").get(0).path("paid_amount").asString()).isEqualTo("104.00");
        api.post("/api/v1/orders/" + paidId + "/cancel", buyer, Map.of("reason", "不要了")).status();
        api.post("/api/v1/checkouts", buyer, using(body, Map.of("coupon_id", twenty)))
                .expectProblem(422, "COUPON_NOT_FOUND");
    }

    @Test
    void codes_work_once_in_any_case_and_a_checkout_can_spend_a_code_directly() {
        Shop shop = shop();
        String tea = sku(shop, "茶", "60.00", 10);
        String template = template(shop.seller(), "无门槛10元", "10.00", "0.00", 3, 1, Map.of());
        JsonNode generated = api.post("/api/v1/coupon-templates/" + template + "/codes", shop.seller(),
                Map.of("count", 3)).expect(201).body();
        List<String> codes = new ArrayList<>();
        generated.path("codes").forEach(c -> codes.add(c.asString()));
        assertThat(codes).hasSize(3).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-HJ-NP-Z2-9]{10}"));
        api.post("/api/v1/coupon-templates/" + template + "/codes", shop.seller(), Map.of("count", 1))
                .expectProblem(422, "COUPONS_EXHAUSTED");
        api.post("/api/v1/coupon-templates/" + template + "/claim", token(uniqueId("buyer"), "buyer"), null)
                .expectProblem(422, "COUPONS_EXHAUSTED");
        api.post("/api/v1/coupon-templates/" + template + "/codes", shop().seller(), Map.of("count", 1))
                .expect(403);

        String buyer = token(uniqueId("buyer"), "buyer");
        api.post("/api/v1/coupons/exchange", buyer, Map.of("code", codes.get(0).toLowerCase())).expect(201);
        api.post("/api/v1/coupons/exchange", token(uniqueId("buyer"), "buyer"), Map.of("code", codes.get(0)))
                .expectProblem(422, "INVALID_EXCHANGE_CODE");
        api.post("/api/v1/coupons/exchange", buyer, Map.of("code", codes.get(1)))
                .expectProblem(422, "COUPON_LIMIT_REACHED");
        api.post("/api/v1/coupons/exchange", buyer, Map.of("code", "ABCDEFGHJK"))
                .expectProblem(422, "INVALID_EXCHANGE_CODE");
        api.post("/api/v1/coupons/exchange", buyer, Map.of("code", "short")).expect(400);

        String other = token(uniqueId("buyer"), "buyer");
        Map<String, Object> body = using(body("110105", tea, 1), Map.of("exchange_code", codes.get(1)));
        JsonNode preview = api.post("/api/v1/checkouts/preview", other, body).expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        assertThat(preview.path("coupons").get(0).path("selected").asBoolean()).isTrue();
        assertThat(preview.path("price").path("coupon_discount").asString()).isEqualTo("10.00");
        JsonNode placed = api.post("/api/v1/checkouts", other, body).expect(201).body();
        assertThat(placed.path("orders").get(0).path("price").path("coupon_discount").asString())
                .isEqualTo("10.00");
        api.post("/api/v1/checkouts/preview", token(uniqueId("buyer"), "buyer"), body).expect(200).body()
                .path("errors").forEach(e -> assertThat(e.path("code").asString())
                        .isEqualTo("INVALID_EXCHANGE_CODE"));
    }

    @Test
    void an_admin_grants_within_limits_and_a_platform_coupon_is_apportioned_over_shops() {
        String template = template(admin, "平台满50减15", "15.00", "50.00", 3, 1, Map.of());
        String first = uniqueId("buyer");
        String second = uniqueId("buyer");
        JsonNode granted = api.post("/api/v1/coupon-templates/" + template + "/grant", admin,
                Map.of("buyer_ids", List.of(first, second))).expect(200).body();
        assertThat(granted.path("granted")).hasSize(2);
        JsonNode skipped = api.post("/api/v1/coupon-templates/" + template + "/grant", admin,
                Map.of("buyer_ids", List.of(first))).expect(200).body();
        assertThat(skipped.path("skipped").get(0).path("reason").asString()).isEqualTo("COUPON_LIMIT_REACHED");
        api.post("/api/v1/coupon-templates/" + template + "/grant", admin,
                Map.of("buyer_ids", List.of(uniqueId("buyer"), uniqueId("buyer")))).expectProblem(422,
                "COUPONS_EXHAUSTED");
        api.post("/api/v1/coupon-templates/" + template + "/grant", token(uniqueId("seller"), "seller", "s"),
                Map.of("buyer_ids", List.of(first))).expect(403);

        Shop a = shop();
        Shop b = shop();
        String pen = sku(a, "笔", "10.00", 10);
        String ink = sku(b, "墨", "40.00", 10);
        String buyer = token(first, "buyer");
        String couponId = granted.path("granted").get(0).path("buyer_id").asString().equals(first)
                ? granted.path("granted").get(0).path("coupon_id").asString()
                : granted.path("granted").get(1).path("coupon_id").asString();
        JsonNode placed = api.post("/api/v1/checkouts", buyer, using(body("110105", pen, 1, ink, 1),
                Map.of("coupon_id", couponId))).expect(201).body();
        List<String> discounts = new ArrayList<>();
        placed.path("orders").forEach(o -> discounts.add(o.path("price").path("coupon_discount").asString()));
        assertThat(discounts).as("15.00 over 10.00 and 40.00").containsExactlyInAnyOrder("3.00", "12.00");
        JsonNode locked = couponOf(buyer, couponId, "locked");
        assertThat(locked.path("order_ids")).hasSize(2);
        // one of the two orders cancelled: the other still holds the coupon
        api.post("/api/v1/orders/" + placed.path("orders").get(0).path("order_id").asString() + "/cancel", buyer,
                Map.of("reason", "x")).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(couponOf(buyer, couponId, "locked").path("order_ids")).hasSize(1));
        api.post("/api/v1/orders/" + placed.path("orders").get(1).path("order_id").asString() + "/cancel", buyer,
                Map.of("reason", "x")).expect(200);
        couponOf(buyer, couponId, "usable");
    }

    @Test
    void ten_buyers_claiming_the_last_three_get_three_and_ten_checkouts_spend_a_coupon_once() throws Exception {
        Shop shop = shop();
        String template = template(shop.seller(), "限量", "5.00", "0.00", 3, 1, Map.of());
        List<Integer> claims = atOnce(10, () -> api.post("/api/v1/coupon-templates/" + template + "/claim",
                token(uniqueId("buyer"), "buyer"), null).status());
        assertThat(claims).filteredOn(s -> s == 201).hasSize(3);
        assertThat(claims).filteredOn(s -> s != 201).containsOnly(422);

        String tea = sku(shop, "茶", "30.00", 100);
        String buyer = token(uniqueId("buyer"), "buyer");
        String couponId = claim(buyer, template(shop.seller(), "一张", "5.00", "0.00", 1, 1, Map.of()))
                .path("coupon_id").asString();
        Map<String, Object> body = using(body("110105", tea, 1), Map.of("coupon_id", couponId));
        List<Integer> checkouts = atOnce(10, () -> api.post("/api/v1/checkouts", buyer, body).status());
        assertThat(checkouts).filteredOn(s -> s == 201).hasSize(1);
        assertThat(checkouts).filteredOn(s -> s != 201).containsOnly(422);
    }

    @Test
    void a_rate_coupon_with_a_fixed_use_window_for_one_category_and_level() {
        Shop shop = shop();
        String tea = sku(shop, "茶", "33.33", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        Map<String, Object> window = new HashMap<>();
        window.put("valid_days", null);
        window.put("use_from", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        window.put("use_until", Instant.now().plus(2, ChronoUnit.DAYS).toString());
        window.put("type", "rate");
        window.put("amount", null);
        window.put("rate", new java.math.BigDecimal("0.85"));
        String rate = claim(buyer, template(shop.seller(), "85折", "1.00", "0.00", 10, 1, window))
                .path("coupon_id").asString();
        Map<String, Object> vip = new HashMap<>(window);
        vip.put("member_levels", List.of(3));
        String forVips = claim(buyer, template(shop.seller(), "会员85折", "1.00", "0.00", 10, 1, vip))
                .path("coupon_id").asString();
        Map<String, Object> other = new HashMap<>(window);
        other.put("category_ids", List.of("books"));
        claim(buyer, template(shop.seller(), "图书85折", "1.00", "0.00", 10, 1, other));

        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, using(body("110105", tea, 3),
                Map.of("coupon_id", rate))).expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        // 99.99 × 15 % = 14.9985: the discount rounded down to the fen, 14.99
        assertThat(preview.path("price").path("coupon_discount").asString()).isEqualTo("14.99");
        List<String> reasons = new ArrayList<>();
        preview.path("coupons").forEach(o -> reasons.add(o.path("unusable_reason").asString(null)));
        assertThat(reasons).containsExactlyInAnyOrder(null, "LEVEL_TOO_LOW", "WRONG_CATEGORY");
        api.post("/api/v1/checkouts", buyer, using(body("110105", tea, 3), Map.of("coupon_id", forVips)))
                .expectProblem(422, "COUPON_UNUSABLE");
        assertThat(couponOf(buyer, rate, "usable").path("type").asString()).isEqualTo("rate");
    }
}
