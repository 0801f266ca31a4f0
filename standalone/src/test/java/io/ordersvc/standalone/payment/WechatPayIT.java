package io.ordersvc.standalone.payment;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.ChannelServer;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat Pay v3 over HTTP, with its API played by a local server: the prepay call signed as WeChat Pay checks it,
 * the client's parameters signed for the app and JSAPI, and a notification verified and decrypted.
 */
class WechatPayIT extends IntegrationTest {

    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_TEST";
    final WireMockServer wechat = ChannelServer.get();
    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");

    /** WeChat Pay's answer, signed with its (test) key as the SDK verifies it. */
    void answers(String path, String body, int status) {
        long timestamp = Instant.now().getEpochSecond();
        String nonce = "d2b5e1f8c7a94e3b";
        wechat.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("Request-ID", "08F78BB5AF0610D302")
                .withHeader("Wechatpay-Serial", PUBLIC_KEY_ID).withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Timestamp", Long.toString(timestamp))
                .withHeader("Wechatpay-Signature", ChannelPlay.rsa("SHA256withRSA",
                        timestamp + "\n" + nonce + "\n" + body + "\n"))
                .withBody(body)));
    }

    static boolean merchantSigned(String text, String signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(ChannelPlay.MERCHANT_PUBLIC))));
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    record Placed(String orderId, String payNo) {
    }

    Placed place(String price) {
        Api.Sku sku = api.createProduct(seller, "Wechat", price, 20).get(0);
        JsonNode placed = api.placeOrder(buyer, sku.skuId(), 1).expect(201).body();
        return new Placed(placed.path("order_id").asString(), placed.path("pay_no").asString());
    }

    @Test
    void an_app_payment_is_prepaid_signed_for_the_app_and_paid_by_a_verified_notification() throws Exception {
        Placed order = place("12.50");
        answers("/v3/pay/transactions/app", "{\"prepay_id\":\"wx26112221580621e9b071c00d9e093b0000\"}", 200);
        JsonNode params = api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer,
                Map.of("channel", "wechat_app")).expect(200).body().path("params");

        List<LoggedRequest> sent = wechat.findAll(postRequestedFor(urlEqualTo("/v3/pay/transactions/app")));
        LoggedRequest prepay = sent.get(sent.size() - 1);
        assertThat(prepay.getBodyAsString()).contains("\"out_trade_no\":\"" + order.payNo() + "_1\"")
                .contains("\"total\":1250").contains("\"mchid\":\"1900000000\"")
                .contains("/api/v1/payment-notifications/wechat_app");
        Map<String, String> auth = new HashMap<>();
        Matcher field = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(prepay.getHeader("Authorization"));
        while (field.find()) {
            auth.put(field.group(1), field.group(2));
        }
        assertThat(prepay.getHeader("Authorization")).startsWith("WECHATPAY2-SHA256-RSA2048 ");
        assertThat(auth).containsEntry("mchid", "1900000000");
        assertThat(merchantSigned("POST\n/v3/pay/transactions/app\n" + auth.get("timestamp") + "\n"
                + auth.get("nonce_str") + "\n" + prepay.getBodyAsString() + "\n", auth.get("signature")))
                .as("WeChat Pay checks the merchant's signature").isTrue();

        assertThat(params.path("prepayid").asString()).isEqualTo("wx26112221580621e9b071c00d9e093b0000");
        assertThat(merchantSigned(params.path("appid").asString() + "\n" + params.path("timestamp").asString()
                + "\n" + params.path("noncestr").asString() + "\n" + params.path("prepayid").asString() + "\n",
                params.path("sign").asString())).as("the app's SDK hands WeChat a signature it verifies").isTrue();

        String transaction = "{\"appid\":\"wx0000000000000000\",\"mchid\":\"1900000000\",\"out_trade_no\":\""
                + order.payNo() + "_1\",\"transaction_id\":\"4200000000202612010000000001\",\"trade_type\":\"APP\","
                + "\"trade_state\":\"SUCCESS\",\"success_time\":\"2026-12-01T22:00:00+08:00\","
                + "\"amount\":{\"total\":1250,\"payer_total\":1250,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
        ChannelPlay.WechatNotice notice = ChannelPlay.wechat(PUBLIC_KEY_ID, transaction, Instant.now().getEpochSecond());
        Map<String, String> forged = new HashMap<>(notice.headers());
        forged.put("Wechatpay-Signature", ChannelPlay.rsa("SHA256withRSA", "something else"));
        api.send("POST", "/api/v1/payment-notifications/wechat_app", null, notice.body(), forged)
                .expectProblem(400, "BAD_SIGNATURE");
        api.send("POST", "/api/v1/payment-notifications/wechat_app", null, notice.body(), notice.headers())
                .expect(200);
        JsonNode paid = api.order(order.orderId(), buyer, 1);
        assertThat(paid.path("status").asString()).isEqualTo("to_ship");
        assertThat(paid.path("payment").path("transaction_no").asString()).isEqualTo("4200000000202612010000000001");
        api.send("POST", "/api/v1/payment-notifications/wechat_app", null, notice.body(), notice.headers())
                .expect(200);
    }

    @Test
    void a_jsapi_payment_needs_the_payers_openid_and_a_channel_that_does_not_answer_is_503() throws Exception {
        Placed order = place("8.80");
        api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer, Map.of("channel", "wechat_jsapi"))
                .expectProblem(422, "OPENID_REQUIRED");
        answers("/v3/pay/transactions/jsapi", "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", 500);
        api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer,
                Map.of("channel", "wechat_jsapi", "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))
                .expectProblem(503, "CHANNEL_UNAVAILABLE");

        answers("/v3/pay/transactions/jsapi", "{\"prepay_id\":\"wx2611222158062100000000000000000001\"}", 200);
        JsonNode answer = api.post("/api/v1/payments/" + order.payNo() + "/requests", buyer,
                Map.of("channel", "wechat_jsapi", "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).expect(200).body();
        assertThat(answer.path("out_trade_no").asString()).as("the failed request's number, asked again")
                .isEqualTo(order.payNo() + "_1");
        JsonNode params = answer.path("params");
        assertThat(params.path("package").asString()).isEqualTo("prepay_id=wx2611222158062100000000000000000001");
        assertThat(merchantSigned(params.path("appId").asString() + "\n" + params.path("timeStamp").asString() + "\n"
                + params.path("nonceStr").asString() + "\n" + params.path("package").asString() + "\n",
                params.path("paySign").asString())).isTrue();
    }
}
