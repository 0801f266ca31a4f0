package io.ordersvc.standalone.checkout;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Gift cards over HTTP: issued, bound, spent in parts at checkout, back on cancel and first on a refund. */
class GiftCardIT extends ShopFixtures {

    final String admin = token("admin-cards", "admin");

    JsonNode issue(int count, String amount) {
        return api.post("/api/v1/gift-cards", admin, Map.of("count", count, "amount", amount, "valid_until",
                Instant.now().plus(365, ChronoUnit.DAYS).toString())).expect(201).body();
    }

    /** A card of 100.00 bound to the buyer; its number. */
    String boundCard(String buyer) {
        JsonNode card = issue(1, "100.00").path("cards").get(0);
        String number = card.path("number").asString();
        api.post("/api/v1/gift-cards/bind", buyer, Map.of("number", number, "secret",
                card.path("secret").asString())).expect(200);
        return number;
    }

    JsonNode card(String buyer, String number, String balance) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode list = api.get("/api/v1/gift-cards", buyer).expect(200).body();
            found[0] = null;
            list.forEach(c -> {
                if (c.path("number").asString().equals(number)) {
                    found[0] = c;
                }
            });
            assertThat(found[0]).isNotNull();
            assertThat(found[0].path("balance").asString()).isEqualTo(balance);
        });
        return found[0];
    }

    static Map<String, Object> paying(String sku, int quantity, String number, String amount) {
        Map<String, Object> body = new HashMap<>(body("310104", sku, quantity));
        body.put("gift_card", Map.of("number", number, "amount", amount));
        return body;
    }

    @Test
    void an_admin_issues_cards_and_a_buyer_binds_one_with_its_secret() {
        JsonNode batch = issue(2, "100.00");
        assertThat(batch.path("cards")).hasSize(2);
        JsonNode card = batch.path("cards").get(0);
        String number = card.path("number").asString();
        assertThat(number).matches("[1-9]\\d{15}");
        assertThat(card.path("secret").asString()).matches("[A-Z2-9]{12}");
        assertThat(batch.path("cards").get(1).path("number").asString()).isNotEqualTo(number);

        String buyer = token(uniqueId("buyer"), "buyer");
        api.post("/api/v1/gift-cards/bind", buyer, Map.of("number", number, "secret", "WRONGSECRET1"))
                .expectProblem(422, "INVALID_GIFT_CARD");
        api.post("/api/v1/gift-cards/bind", buyer, Map.of("number", "1000000000000000", "secret", "X"))
                .expectProblem(422, "INVALID_GIFT_CARD");
        api.post("/api/v1/gift-cards/bind", buyer, Map.of("number", "12345", "secret", "X")).expect(400);
        api.post("/api/v1/gift-cards/bind", buyer, Map.of("number", number, "secret",
                card.path("secret").asString())).expect(200);
        api.post("/api/v1/gift-cards/bind", token(uniqueId("buyer"), "buyer"), Map.of("number", number,
                "secret", card.path("secret").asString())).expectProblem(409, "GIFT_CARD_ALREADY_BOUND");
        assertThat(card(buyer, number, "100.00").path("amount").asString()).isEqualTo("100.00");
        api.post("/api/v1/gift-cards", buyer, Map.of("count", 1, "amount", "1.00", "valid_until",
                "2030-01-01T00:00:00Z")).expect(403);
        api.post("/api/v1/gift-cards", admin, Map.of("count", 1001, "amount", "1.00", "valid_until",
                "2030-01-01T00:00:00Z")).expect(400);
    }

    @Test
    void a_checkout_spends_part_of_a_card_a_cancel_gives_it_back_and_a_refund_returns_to_the_card_first() {
        Shop shop = shop();
        String coat = sku(shop, "大衣", "120.00", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        String number = boundCard(buyer);

        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, paying(coat, 1, number, "30.00"))
                .expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        assertThat(preview.path("gift_card").path("available").asString()).isEqualTo("100.00");
        assertThat(preview.path("price").path("gift_card_amount").asString()).isEqualTo("30.00");
        assertThat(preview.path("price").path("pay_amount").asString()).isEqualTo("90.00");

        JsonNode placed = api.post("/api/v1/checkouts", buyer, paying(coat, 1, number, "30.00")).expect(201).body();
        String first = placed.path("orders").get(0).path("order_id").asString();
        card(buyer, number, "70.00");
        api.post("/api/v1/orders/" + first + "/cancel", buyer, Map.of("reason", "换一件")).expect(200);
        card(buyer, number, "100.00");

        JsonNode second = api.post("/api/v1/checkouts", buyer, paying(coat, 1, number, "30.00")).expect(201).body();
        String orderId = second.path("orders").get(0).path("order_id").asString();
        api.pay(orderId, "90.00", "tx-" + orderId).expect(200);
        String line = api.order(orderId, buyer, 1).path("lines").get(0).path("order_line_id").asString();
        String refundId = api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", line,
                "type", "refund_only", "goods_received", false, "reason", "other", "amount", "50.00"))
                .expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + refundId + "/approve", shop.seller(), Map.of()).expect(200);
        JsonNode back = api.get("/api/v1/refunds/" + refundId + "?min_version=2", buyer).expect(200).body()
                .path("paid_back");
        assertThat(back.path("gift_card").asString()).as("the card first").isEqualTo("30.00");
        assertThat(back.path("channel").asString()).isEqualTo("20.00");
        card(buyer, number, "100.00");
    }

    @Test
    void a_card_pays_only_its_buyer_only_what_it_holds_and_ten_checkouts_at_once_spend_it_once() throws Exception {
        Shop shop = shop();
        String tea = sku(shop, "茶", "40.00", 100);
        String buyer = token(uniqueId("buyer"), "buyer");
        String number = boundCard(buyer);
        String stranger = token(uniqueId("buyer"), "buyer");
        api.post("/api/v1/checkouts", stranger, paying(tea, 1, number, "10.00"))
                .expectProblem(422, "GIFT_CARD_NOT_FOUND");
        api.post("/api/v1/checkouts", buyer, paying(tea, 3, number, "100.01"))
                .expectProblem(422, "INSUFFICIENT_GIFT_CARD");
        api.post("/api/v1/checkouts", buyer, paying(tea, 1, number, "48.01"))
                .expectProblem(422, "GIFT_CARD_OVER_TOTAL");

        List<Integer> statuses = atOnce(10, () -> api.post("/api/v1/checkouts", buyer,
                paying(tea, 1, number, "30.00")).status());
        assertThat(statuses).filteredOn(s -> s == 201).as("3 × 30.00 of 100.00").hasSize(3);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(422);
        card(buyer, number, "10.00");
    }
}
