package io.ordersvc.standalone.checkout;

import io.ordersvc.standalone.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Checkout over HTTP: preview and submit with the same body and the same numbers, split by shop, atomic. */
class CheckoutIT extends ShopFixtures {

    @Test
    void the_preview_shows_what_the_submit_places_split_by_shop_under_one_pay_number() {
        Shop a = shop();
        Shop b = shop();
        String shirt = sku(a, "衬衫", "120.00", 10);
        String socks = sku(a, "袜子", "15.50", 10);
        String tea = sku(b, "茶", "60.00", 10);
        promotion(a, Map.of("name", "满200减30", "type", "full_reduction", "tiers",
                List.of(Map.of("threshold_amount", "200.00", "reduction", "30.00"))));
        String buyer = token(uniqueId("buyer"), "buyer");
        var body = body("440305", shirt, 2, socks, 1, tea, 1);

        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, body).expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        assertThat(preview.path("shops")).hasSize(2);
        JsonNode shopA = preview.path("shops").get(0);
        assertThat(shopA.path("shop_id").asString()).isEqualTo(a.id());
        assertThat(shopA.path("promotions_applied").get(0).path("discount").asString()).isEqualTo("30.00");
        assertThat(shopA.path("shipping_fee").asString()).as("3 pieces: 8 + 2 + 2").isEqualTo("12.00");
        JsonNode price = preview.path("price");
        assertThat(price.path("goods_amount").asString()).isEqualTo("315.50");
        assertThat(price.path("promotion_discount").asString()).isEqualTo("30.00");
        String pay = price.path("pay_amount").asString();
        assertThat(price.path("total_amount").asString()).isEqualTo(pay);
        assertThat(preview.path("coupons")).isEmpty();
        assertThat(preview.path("balance").path("available").asString()).isEqualTo("0.00");
        assertThat(api.product(productOf(shirt), a.seller(), 0).path("skus").get(0).path("stock").asLong())
                .as("a preview takes nothing").isEqualTo(10);

        body.put("expected_pay_amount", pay);
        var placed = api.post("/api/v1/checkouts", buyer, body).expect(201).body();
        assertThat(placed.path("pay_amount").asString()).isEqualTo(pay);
        String payNo = placed.path("pay_no").asString();
        assertThat(payNo).matches("\\d{16,20}");
        assertThat(placed.path("orders")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode order = placed.path("orders").get(i);
            assertThat(order.path("pay_no").asString()).isEqualTo(payNo);
            assertThat(order.path("price")).isEqualTo(preview.path("shops").get(i).path("price"));
            JsonNode detail = api.order(order.path("order_id").asString(), buyer, order.path("version").asLong());
            assertThat(detail.path("price")).isEqualTo(order.path("price"));
            assertThat(detail.path("pay_no").asString()).isEqualTo(payNo);
            Money sum = new Money();
            detail.path("lines").forEach(l -> sum.add(l.path("paid_amount").asString()));
            JsonNode p = detail.path("price");
            assertThat(sum.total()).as("the lines add up").isEqualByComparingTo(
                    new java.math.BigDecimal(p.path("goods_amount").asString())
                            .subtract(new java.math.BigDecimal(p.path("member_discount").asString()))
                            .subtract(new java.math.BigDecimal(p.path("promotion_discount").asString()))
                            .subtract(new java.math.BigDecimal(p.path("coupon_discount").asString())));
        }
        JsonNode shirtLine = api.order(placed.path("orders").get(0).path("order_id").asString(), buyer, 0)
                .path("lines").get(0);
        assertThat(shirtLine.path("line_total").asString()).isEqualTo("240.00");
        // 30 × 240 / 255.50 = 28.17 and 30 × 15.50 / 255.50 = 1.81 rounded down; the 0.02 left go to the larger line
        assertThat(shirtLine.path("discount_share").asString()).isEqualTo("28.19");
        assertThat(shirtLine.path("paid_amount").asString()).isEqualTo("211.81");
        assertThat(shirtLine.path("line_type").asString()).isEqualTo("normal");
        assertThat(api.product(productOf(tea), b.seller(), 1).path("skus").get(0).path("stock").asLong())
                .isEqualTo(9);
    }

    @Test
    void a_price_that_moved_is_refused_with_the_fresh_preview_and_nothing_is_taken() {
        Shop a = shop();
        String shirt = sku(a, "衬衫", "100.00", 5);
        String buyer = token(uniqueId("buyer"), "buyer");
        var body = body("110105", shirt, 1);
        String seen = api.post("/api/v1/checkouts/preview", buyer, body).expect(200).body().path("price")
                .path("pay_amount").asString();
        assertThat(seen).isEqualTo("108.00");
        String product = productOf(shirt);
        api.patch("/api/v1/products/" + product, a.seller(), Map.of("skus", List.of(Map.of("sku_id", shirt,
                "price", "110.00")))).expect(200);
        body.put("expected_pay_amount", seen);
        var refused = api.post("/api/v1/checkouts", buyer, body).expectProblem(409, "PRICE_CHANGED");
        assertThat(refused.body().path("preview").path("price").path("pay_amount").asString()).isEqualTo("118.00");
        assertThat(api.product(product, a.seller(), 1).path("skus").get(0).path("stock").asLong()).isEqualTo(5);
        body.put("expected_pay_amount", "118.00");
        api.post("/api/v1/checkouts", buyer, body).expect(201);
    }

    @Test
    void concurrent_checkouts_on_scarce_stock_take_exactly_what_there_is_in_every_shop_or_nothing() throws Exception {
        Shop a = shop();
        Shop b = shop();
        String plenty = sku(a, "大米", "10.00", 100);
        String scarce = sku(b, "限量", "10.00", 3);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String buyer = token(uniqueId("buyer"), "buyer");
            tasks.add(() -> api.post("/api/v1/checkouts", buyer, body("110105", plenty, 1, scarce, 1)).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(3);
        assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        // Each product's stream: created, then the 3 reservations (version 3).
        JsonNode scarceProduct = api.product(productOf(scarce), b.seller(), 3);
        assertThat(scarceProduct.path("skus").get(0).path("stock").asLong()).isZero();
        assertThat(api.product(productOf(plenty), a.seller(), 3).path("skus").get(0).path("stock").asLong())
                .as("the other shop's stock was taken only with the scarce one").isEqualTo(97);
    }

    @Test
    void a_refund_is_bounded_by_what_was_paid_for_the_line() {
        Shop a = shop();
        String shirt = sku(a, "衬衫", "100.00", 5);
        promotion(a, Map.of("name", "满100减20", "type", "full_reduction", "tiers",
                List.of(Map.of("threshold_amount", "100.00", "reduction", "20.00"))));
        String buyer = token(uniqueId("buyer"), "buyer");
        JsonNode order = api.post("/api/v1/orders", buyer, body("310104", shirt, 1)).expect(201).body();
        assertThat(order.path("pay_amount").asString()).as("100 − 20, shipping 8: free only from ¥99 paid")
                .isEqualTo("88.00");
        String orderId = order.path("order_id").asString();
        api.pay(orderId, order.path("pay_amount").asString(), "tx-" + orderId).expect(200);
        JsonNode line = api.order(orderId, buyer, 1).path("lines").get(0);
        assertThat(line.path("paid_amount").asString()).isEqualTo("80.00");
        String lineId = line.path("order_line_id").asString();
        api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", lineId, "type",
                "refund_only", "goods_received", false, "reason", "other", "amount", "80.01"))
                .expectProblem(422, "REFUND_EXCEEDS_REFUNDABLE");
        api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", lineId, "type",
                "refund_only", "goods_received", false, "reason", "other", "amount", "80.00")).expect(201);
    }

    @Test
    void gifts_and_add_ons_become_lines_and_a_free_order_is_paid_at_once() {
        Shop a = new Shop(uniqueId("shop"), null, null);
        a = new Shop(a.id(), token(uniqueId("seller"), "seller", a.id()), null);
        String book = sku(a, "书", "100.00", 5);
        String gift = sku(a, "书签", "5.00", 5);
        String pen = sku(a, "笔", "30.00", 5);
        var products = Map.of("gift", gift, "pen", pen);
        String giftPromotion = promotion(a, Map.of("name", "满99送书签", "type", "free_gift", "tiers",
                List.of(Map.of("threshold_amount", "99.00")), "gifts", List.of(Map.of("sku_id", products.get("gift"),
                        "price", "0.00", "max_select", 1))));
        String buyer = token(uniqueId("buyer"), "buyer");
        var body = body("110105", book, 1);
        body.put("gift_choices", List.of(Map.of("promotion_id", giftPromotion, "sku_id", gift, "quantity", 1)));
        JsonNode order = api.post("/api/v1/orders", buyer, body).expect(201).body();
        assertThat(order.path("goods_amount").asString()).isEqualTo("100.00");
        JsonNode lines = api.order(order.path("order_id").asString(), buyer, 0).path("lines");
        assertThat(lines.get(1).path("line_type").asString()).isEqualTo("gift");
        assertThat(lines.get(1).path("paid_amount").asString()).isEqualTo("0.00");
        body.put("gift_choices", List.of(Map.of("promotion_id", giftPromotion, "sku_id", gift, "quantity", 2)));
        api.post("/api/v1/orders", buyer, body).expectProblem(422, "GIFT_NOT_OFFERED");

        promotion(a, Map.of("name", "笔免费", "type", "full_discount", "product_ids",
                List.of(productOf(pen)), "tiers", List.of(Map.of("threshold_count", 1, "discount_rate", 0))));
        JsonNode free = api.post("/api/v1/orders", buyer, body("110105", pen, 1)).expect(201).body();
        assertThat(free.path("pay_amount").asString()).isEqualTo("0.00");
        assertThat(free.path("status").asString()).as("nothing to collect: paid at once").isEqualTo("to_ship");
    }

    @Test
    void what_cannot_be_bought_is_a_problem_with_its_code_and_the_preview_lists_it() {
        Shop a = shop();
        String shirt = sku(a, "衬衫", "100.00", 1);
        String buyer = token(uniqueId("buyer"), "buyer");
        var body = body("110105", shirt, 2);
        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, body).expect(200).body();
        assertThat(preview.path("errors").get(0).path("code").asString()).isEqualTo("OUT_OF_STOCK");
        JsonNode line = preview.path("shops").get(0).path("lines").get(0);
        assertThat(line.path("valid").asBoolean()).isFalse();
        assertThat(line.path("problem").asString()).isEqualTo("insufficient_stock");
        api.post("/api/v1/checkouts", buyer, body).expectProblem(409, "OUT_OF_STOCK");

        var noRegion = body("110105", shirt, 1);
        ((Map<String, Object>) noRegion.get("receiver")).remove("region_code");
        api.post("/api/v1/checkouts", buyer, noRegion).expectProblem(422, "REGION_CODE_REQUIRED");
        api.post("/api/v1/checkouts", buyer, body("710100", shirt, 1)).expectProblem(422, "REGION_NOT_DELIVERABLE");
        api.post("/api/v1/checkouts", buyer, body("999999", shirt, 1)).expectProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/checkouts", buyer, body("110105", java.util.UUID.randomUUID().toString(), 1))
                .expectProblem(422, "UNKNOWN_SKU");
        var spend = body("110105", shirt, 1);
        spend.put("use_balance", "10.00");
        api.post("/api/v1/checkouts", buyer, spend).expectProblem(422, "INSUFFICIENT_BALANCE");
        var invoice = body("110105", shirt, 1);
        invoice.put("invoice", Map.of("type", "company", "title", "某公司", "tax_number", "91350100M000100Y44"));
        api.post("/api/v1/checkouts", buyer, invoice).expectProblem(400, "VALIDATION_FAILED");
        invoice.put("invoice", Map.of("type", "company", "title", "某公司", "tax_number", "91350100M000100Y43"));
        JsonNode invoiced = api.post("/api/v1/checkouts", buyer, invoice).expect(201).body();
        JsonNode detail = api.order(invoiced.path("orders").get(0).path("order_id").asString(), buyer, 0);
        assertThat(detail.path("invoice").path("tax_number").asString()).isEqualTo("91350100M000100Y43");
        String invoicedOrder = invoiced.path("orders").get(0).path("order_id").asString();
        String pay = invoiced.path("pay_amount").asString();
        api.post("/api/v1/orders/" + invoicedOrder + "/invoice", a.seller(), Map.of("invoice_no", "INV-1"))
                .expectProblem(409, "ORDER_NOT_INVOICEABLE");
        api.pay(invoicedOrder, pay, "tx-" + invoicedOrder).expect(200);
        api.post("/api/v1/orders/" + invoicedOrder + "/invoice", token(uniqueId("seller"), "seller", uniqueId("shop")),
                Map.of("invoice_no", "INV-1")).expectProblem(404, "ORDER_NOT_FOUND");
        long version = api.post("/api/v1/orders/" + invoicedOrder + "/invoice", a.seller(), Map.of("invoice_no",
                "INV-1", "url", "https://invoice.example.com/INV-1.pdf")).expect(200).body().path("version").asLong();
        JsonNode issued = api.order(invoicedOrder, buyer, version).path("invoice");
        assertThat(issued.path("invoice_no").asString()).isEqualTo("INV-1");
        assertThat(issued.path("url").asString()).isEqualTo("https://invoice.example.com/INV-1.pdf");
        assertThat(issued.path("issued_at").isNull()).isFalse();
        api.post("/api/v1/orders/" + invoicedOrder + "/invoice", a.seller(), Map.of("invoice_no", "INV-2"))
                .expectProblem(409, "INVOICE_ALREADY_ISSUED");
        api.post("/api/v1/checkouts", token(uniqueId("seller"), "seller", a.id()), body).expect(403);
        assertThat(api.product(productOf(shirt), a.seller(), 1).path("skus").get(0).path("stock").asLong())
                .isZero();
    }

    /** Adds money strings exactly. */
    static final class Money {
        private java.math.BigDecimal total = java.math.BigDecimal.ZERO;

        void add(String amount) {
            total = total.add(new java.math.BigDecimal(amount));
        }

        java.math.BigDecimal total() {
            return total;
        }
    }
}
