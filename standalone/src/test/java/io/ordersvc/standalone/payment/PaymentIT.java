package io.ordersvc.standalone.payment;

import com.alipay.api.internal.util.AlipaySignature;
import io.ordersvc.command.payment.PaymentSettings;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paying through the channels over HTTP: requests signed for each channel (checked with the merchant's public key
 * as the channel checks them), notifications verified and applied once, and money an order cannot take kept on
 * record to be paid back.
 */
class PaymentIT extends IntegrationTest {

    static final String SECRET = PaymentSettings.SIMULATOR_DEV_SECRET;
    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");
    final String stranger = token(uniqueId("buyer"), "buyer");

    record Placed(String orderId, String payNo, String amount) {
    }

    Placed place(String price) {
        Api.Sku sku = api.createProduct(seller, "Payable", price, 50).get(0);
        JsonNode placed = api.placeOrder(buyer, sku.skuId(), 1).expect(201).body();
        return new Placed(placed.path("order_id").asString(), placed.path("pay_no").asString(),
                placed.path("pay_amount").asString());
    }

    JsonNode request(String payNo, String channel) {
        return api.post("/api/v1/payments/" + payNo + "/requests", buyer, Map.of("channel", channel)).expect(200)
                .body();
    }

    Api.Response notifyForm(String channel, Map<String, String> fields) {
        return api.send("POST", "/api/v1/payment-notifications/" + channel, null, ChannelPlay.form(fields),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    Api.Response simulate(String payNo, String tradeNo, String amount) {
        return notifyForm("simulator", ChannelPlay.simulator(payNo, tradeNo, amount, Instant.now().getEpochSecond(),
                SECRET));
    }

    @Test
    void the_simulator_pays_a_pay_number_once_and_a_bad_signature_changes_nothing() {
        Placed order = place("12.50");
        JsonNode requested = request(order.payNo(), "simulator");
        assertThat(requested.path("amount").asString()).isEqualTo("12.50");
        assertThat(requested.path("out_trade_no").asString()).isEqualTo(order.payNo() + "_1");
        assertThat(request(order.payNo(), "simulator").path("out_trade_no").asString())
                .as("the same request again reuses its trade number").isEqualTo(order.payNo() + "_1");
        api.post("/api/v1/payments/" + order.payNo() + "/requests", stranger, Map.of("channel", "simulator"))
                .expectProblem(404, "PAYMENT_NOT_FOUND");
        api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer, Map.of("channel", "bitcoin"))
                .expect(400);

        Map<String, String> forged = ChannelPlay.simulator(order.payNo(), "sim-1", "12.50",
                Instant.now().getEpochSecond(), "not-the-secret");
        notifyForm("simulator", forged).expectProblem(400, "BAD_SIGNATURE");
        simulate(order.payNo(), "sim-1", "12.51").expectProblem(422, "AMOUNT_MISMATCH");
        notifyForm("simulator", ChannelPlay.simulator(order.payNo(), "sim-1", "12.50",
                Instant.now().minusSeconds(600).getEpochSecond(), SECRET)).expectProblem(400, "BAD_SIGNATURE");
        assertThat(api.order(order.orderId(), buyer, 0).path("status").asString()).isEqualTo("pending_payment");

        Api.Response taken = simulate(order.payNo(), "sim-1", "12.50").expect(200);
        assertThat(taken.raw()).isEqualTo("success");
        JsonNode paid = api.order(order.orderId(), buyer, 1);
        assertThat(paid.path("status").asString()).isEqualTo("to_ship");
        assertThat(paid.path("payment").path("channel").asString()).isEqualTo("simulator");
        long events = storedEvents();
        assertThat(simulate(order.payNo(), "sim-1", "12.50").expect(200).raw()).isEqualTo("success");
        assertThat(storedEvents()).as("a replayed notification stores nothing").isEqualTo(events);
        api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer, Map.of("channel", "simulator"))
                .expectProblem(409, "NOTHING_TO_PAY");
    }

    @Test
    void one_notification_pays_every_order_of_a_checkout_and_money_for_a_cancelled_one_is_kept_to_pay_back() {
        String otherShop = uniqueId("shop");
        String otherSeller = token(uniqueId("seller"), "seller", otherShop);
        Api.Sku a = api.createProduct(seller, "A", "10.00", 5).get(0);
        Api.Sku b = api.createProduct(otherSeller, "B", "20.00", 5).get(0);
        Map<String, Object> body = new HashMap<>(Api.orderBody(a.skuId(), 1, b.skuId(), 1));
        body.put("source", "buy_now");
        JsonNode checkout = api.post("/api/v1/checkouts", buyer, body).expect(201).body();
        String payNo = checkout.path("pay_no").asString();
        JsonNode requested = request(payNo, "simulator");
        assertThat(requested.path("orders")).hasSize(2);
        String amount = requested.path("amount").asString();
        simulate(payNo, "sim-two", amount).expect(200);
        for (JsonNode o : checkout.path("orders")) {
            assertThat(api.order(o.path("order_id").asString(), buyer, 1).path("status").asString())
                    .isEqualTo("to_ship");
        }

        Placed late = place("9.90");
        request(late.payNo(), "simulator");
        api.post("/api/v1/orders/" + late.orderId() + "/cancel", buyer, Map.of("reason", "changed my mind"))
                .expect(200);
        simulate(late.payNo(), "sim-late", "9.90").expect(200);
        JsonNode cancelled = api.order(late.orderId(), buyer, 2);
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("log").get(2).path("action").asString()).isEqualTo("late_payment");
    }

    @Test
    void alipay_requests_verify_with_the_merchants_key_and_a_request_from_before_a_price_adjustment_cannot_pay() throws Exception {
        Placed order = place("90.00");
        JsonNode before = request(order.payNo(), "alipay_app");
        Map<String, String> signed = query(before.path("params").path("order_string").asString());
        assertThat(AlipaySignature.rsaCheckV2(signed, ChannelPlay.MERCHANT_PUBLIC, "UTF-8", "RSA2"))
                .as("Alipay verifies the order string with the app's public key").isTrue();
        assertThat(signed.get("biz_content")).contains("\"total_amount\":\"90.00\"")
                .contains("\"out_trade_no\":\"" + order.payNo() + "_1\"");
        assertThat(signed.get("notify_url")).endsWith("/api/v1/payment-notifications/alipay_app");
        Map<String, String> changed = new HashMap<>(query(before.path("params").path("order_string").asString()));
        changed.put("biz_content", changed.get("biz_content").replace("90.00", "0.01"));
        assertThat(AlipaySignature.rsaCheckV2(changed, ChannelPlay.MERCHANT_PUBLIC, "UTF-8", "RSA2")).isFalse();

        api.post("/api/v1/orders/" + order.orderId() + "/price-adjustment", seller,
                Map.of("pay_amount", "80.00", "reason", "老客户优惠")).expect(200);
        api.order(order.orderId(), buyer, 1);
        JsonNode after = request(order.payNo(), "alipay_app");
        assertThat(after.path("amount").asString()).isEqualTo("80.00");
        assertThat(after.path("out_trade_no").asString()).isEqualTo(order.payNo() + "_2");

        String appId = "2021000000000000";
        Map<String, String> old = ChannelPlay.alipay(appId, order.payNo() + "_1", "2026120122001", "90.00");
        Map<String, String> tampered = new HashMap<>(old);
        tampered.put("total_amount", "0.01");
        notifyForm("alipay_app", tampered).expectProblem(400, "BAD_SIGNATURE");
        notifyForm("alipay_app", ChannelPlay.alipay("2099999999999999", order.payNo() + "_1", "2026120122001",
                "90.00")).expectProblem(400, "BAD_SIGNATURE");
        assertThat(notifyForm("alipay_app", old).expect(200).raw()).isEqualTo("success");
        JsonNode refused = api.order(order.orderId(), buyer, 2);
        assertThat(refused.path("status").asString()).as("the old amount cannot pay the adjusted order")
                .isEqualTo("pending_payment");
        assertThat(refused.path("log").get(2).path("action").asString()).isEqualTo("payment_refused");
        assertThat(refused.path("log").get(2).path("message").asString()).contains("AMOUNT_MISMATCH");

        notifyForm("alipay_app", ChannelPlay.alipay(appId, order.payNo() + "_2", "2026120122002", "80.00"))
                .expect(200);
        JsonNode paid = api.order(order.orderId(), buyer, 3);
        assertThat(paid.path("status").asString()).isEqualTo("to_ship");
        assertThat(paid.path("payment").path("amount").asString()).isEqualTo("80.00");
        assertThat(paid.path("payment").path("transaction_no").asString()).isEqualTo("2026120122002");
    }

    @Test
    void alipay_wap_and_lianlian_requests_are_signed_for_their_channels_and_lianlian_notifications_pay() throws Exception {
        Placed order = place("33.30");
        JsonNode wap = api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer,
                Map.of("channel", "alipay_wap", "return_url", "https://m.example.com/paid")).expect(200).body();
        Map<String, String> url = query(URI.create(wap.path("params").path("url").asString()).getRawQuery());
        assertThat(AlipaySignature.rsaCheckV2(url, ChannelPlay.MERCHANT_PUBLIC, "UTF-8", "RSA2")).isTrue();
        assertThat(url.get("method")).isEqualTo("alipay.trade.wap.pay");
        assertThat(url.get("return_url")).isEqualTo("https://m.example.com/paid");
        api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer,
                Map.of("channel", "alipay_wap", "return_url", "javascript:alert(1)")).expect(400);

        JsonNode quick = request(order.payNo(), "lianlian_quick").path("params");
        Map<String, String> fields = new HashMap<>();
        quick.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        assertThat(fields.get("money_order")).isEqualTo("33.30");
        String text = new java.util.TreeMap<>(fields).entrySet().stream().filter(e -> !e.getKey().equals("sign"))
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((x, y) -> x + "&" + y).orElseThrow();
        var verifier = java.security.Signature.getInstance("MD5withRSA");
        verifier.initVerify(java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder()
                        .decode(ChannelPlay.MERCHANT_PUBLIC))));
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(java.util.Base64.getDecoder().decode(fields.get("sign")))).isTrue();

        Map<String, String> notice = ChannelPlay.lianlian("201000000000000", fields.get("no_order"), "2026120100001",
                "33.30");
        Map<String, String> forged = new HashMap<>(notice);
        forged.put("money_order", "0.01");
        api.post("/api/v1/payment-notifications/lianlian_quick", null, forged).expectProblem(400, "BAD_SIGNATURE");
        JsonNode answer = api.post("/api/v1/payment-notifications/lianlian_quick", null, notice).expect(200).body();
        assertThat(answer.path("ret_code").asString()).isEqualTo("0000");
        assertThat(api.order(order.orderId(), buyer, 1).path("payment").path("channel").asString())
                .isEqualTo("lianlian_quick");
    }

    static Map<String, String> query(String query) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }
}
