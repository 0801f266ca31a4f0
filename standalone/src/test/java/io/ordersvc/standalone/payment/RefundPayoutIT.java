package io.ordersvc.standalone.payment;

import com.alipay.api.internal.util.AlipaySignature;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.ChannelServer;
import io.ordersvc.standalone.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds paid out through the channel that took the money, with Alipay's gateway played by a local server: the
 * signed refund request, retried with back-off until the channel pays, a refusal kept failed until an admin retries,
 * and money an order could not take paid back on its own.
 */
class RefundPayoutIT extends IntegrationTest {

    static final String APP_ID = "2021000000000000";
    final WireMockServer alipay = ChannelServer.get();
    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");
    final String admin = token("admin-payouts", "admin");

    /** An order paid through Alipay: its id, line and Alipay trade number. */
    record Paid(String orderId, String lineId, String tradeNo) {
    }

    Paid paidThroughAlipay(String price) {
        Api.Sku sku = api.createProduct(seller, "Refundable", price, 10).get(0);
        JsonNode placed = api.placeOrder(buyer, sku.skuId(), 1).expect(201).body();
        String payNo = placed.path("pay_no").asString();
        String out = api.post("/api/v1/payments/" + payNo + "/requests", buyer, Map.of("channel", "alipay_app"))
                .expect(200).text("out_trade_no");
        String tradeNo = "2026120122" + Math.abs(payNo.hashCode());
        api.send("POST", "/api/v1/payment-notifications/alipay_app", null,
                ChannelPlay.form(ChannelPlay.alipay(APP_ID, out, tradeNo, price)),
                Map.of("Content-Type", "application/x-www-form-urlencoded")).expect(200);
        String orderId = placed.path("order_id").asString();
        String line = api.order(orderId, buyer, 1).path("lines").get(0).path("order_line_id").asString();
        return new Paid(orderId, line, tradeNo);
    }

    String refundOnly(Paid paid, String amount) {
        String refund = api.post("/api/v1/orders/" + paid.orderId() + "/refunds", buyer, Map.of("order_line_id",
                paid.lineId(), "type", "refund_only", "goods_received", false, "reason", "other", "amount", amount))
                .expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + refund + "/approve", seller, Map.of()).expect(200);
        return refund;
    }

    /** Alipay's answer to alipay.trade.refund, signed with its (test) key as the SDK verifies it. */
    static String answer(String inner) throws Exception {
        String sign = AlipaySignature.rsa256Sign(inner, ChannelPlay.CHANNEL_PRIVATE, "UTF-8");
        return "{\"alipay_trade_refund_response\":" + inner + ",\"sign\":\"" + sign + "\"}";
    }

    static String success(String tradeNo, String amount) {
        return "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"" + tradeNo + "\",\"fund_change\":\"Y\","
                + "\"refund_fee\":\"" + amount + "\"}";
    }

    static String refused(String subCode) {
        return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"" + subCode + "\",\"sub_msg\":\"x\"}";
    }

    JsonNode refundWhen(String refundId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                status.equals(api.get("/api/v1/refunds/" + refundId, buyer).expect(200).body().path("payout")
                        .path("status").asString()));
        return api.get("/api/v1/refunds/" + refundId, buyer).expect(200).body();
    }

    @Test
    void an_approved_refund_is_refunding_until_alipay_pays_after_two_failures() throws Exception {
        Paid paid = paidThroughAlipay("30.00");
        String payoutId = "R" + api.post("/api/v1/orders/" + paid.orderId() + "/refunds", buyer, Map.of(
                "order_line_id", paid.lineId(), "type", "refund_only", "goods_received", false, "reason", "other",
                "amount", "12.50")).expect(201).text("refund_id").replace("-", "");
        String refundId = payoutId.substring(1, 9) + "-" + payoutId.substring(9, 13) + "-" + payoutId.substring(13, 17)
                + "-" + payoutId.substring(17, 21) + "-" + payoutId.substring(21);
        String scenario = "payout-" + payoutId;
        alipay.stubFor(post(urlPathEqualTo("/gateway.do")).withRequestBody(containing(payoutId)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(502)));
        alipay.stubFor(post(urlPathEqualTo("/gateway.do")).withRequestBody(containing(payoutId)).inScenario(scenario)
                .whenScenarioStateIs("failed once").willSetStateTo("failed twice")
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(answer(refused("ACQ.SYSTEM_ERROR")))));
        alipay.stubFor(post(urlPathEqualTo("/gateway.do")).withRequestBody(containing(payoutId)).inScenario(scenario)
                .whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(answer(success(paid.tradeNo(), "12.50")))));

        api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of()).expect(200);
        JsonNode refunding = api.get("/api/v1/refunds/" + refundId + "?min_version=3", buyer).expect(200).body();
        assertThat(refunding.path("status").asString()).isIn("refunding", "refunded");
        assertThat(refunding.path("payout").path("out_request_no").asString()).isEqualTo(payoutId);
        assertThat(refunding.path("payout").path("channel").asString()).isEqualTo("alipay_app");

        JsonNode refunded = refundWhen(refundId, "succeeded");
        assertThat(refunded.path("status").asString()).isEqualTo("refunded");
        assertThat(refunded.path("payout").path("attempts").asInt()).isEqualTo(3);
        assertThat(refunded.path("payout").path("amount").asString()).isEqualTo("12.50");
        List<LoggedRequest> asked = alipay.findAll(postRequestedFor(urlPathEqualTo("/gateway.do"))
                .withRequestBody(containing(payoutId)));
        assertThat(asked).hasSize(3);
        for (LoggedRequest request : asked) {
            Map<String, String> params = new HashMap<>(PaymentIT.query(request.getUrl().substring(
                    request.getUrl().indexOf('?') + 1)));
            params.putAll(PaymentIT.query(request.getBodyAsString()));
            assertThat(params.get("method")).isEqualTo("alipay.trade.refund");
            assertThat(params.get("biz_content")).contains("\"out_request_no\":\"" + payoutId + "\"")
                    .contains("\"refund_amount\":\"12.50\"").contains("\"trade_no\":\"" + paid.tradeNo() + "\"");
            assertThat(AlipaySignature.rsaCheckV2(params, ChannelPlay.MERCHANT_PUBLIC, "UTF-8", "RSA2"))
                    .as("Alipay checks the app's signature on every attempt").isTrue();
        }
    }

    @Test
    void a_refused_payout_stays_failed_until_an_admin_retries_it() throws Exception {
        Paid paid = paidThroughAlipay("18.00");
        String refundId = api.post("/api/v1/orders/" + paid.orderId() + "/refunds", buyer, Map.of(
                "order_line_id", paid.lineId(), "type", "refund_only", "goods_received", false, "reason", "other",
                "amount", "18.00")).expect(201).text("refund_id");
        String payoutId = "R" + refundId.replace("-", "");
        alipay.stubFor(post(urlPathEqualTo("/gateway.do")).withRequestBody(containing(payoutId)).willReturn(
                aResponse().withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(answer(refused("ACQ.SELLER_BALANCE_NOT_ENOUGH")))));
        api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of()).expect(200);

        JsonNode failed = refundWhen(refundId, "failed");
        assertThat(failed.path("status").asString()).isEqualTo("refunding");
        assertThat(failed.path("payout").path("last_error").asString()).contains("ACQ.SELLER_BALANCE_NOT_ENOUGH");
        api.post("/api/v1/refunds/" + refundId + "/payout/retry", seller, null).expect(403);
        api.post("/api/v1/refunds/" + refundId + "/payout/retry", buyer, null).expect(403);

        alipay.stubFor(post(urlPathEqualTo("/gateway.do")).withRequestBody(containing(payoutId)).willReturn(
                aResponse().withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(answer(success(paid.tradeNo(), "18.00")))));
        api.post("/api/v1/refunds/" + refundId + "/payout/retry", admin, null).expect(200);
        assertThat(refundWhen(refundId, "succeeded").path("status").asString()).isEqualTo("refunded");
        api.post("/api/v1/refunds/" + refundId + "/payout/retry", admin, null)
                .expectProblem(409, "PAYOUT_NOT_FAILED");
    }

    @Test
    void money_for_a_cancelled_order_is_paid_back_through_the_channel_on_its_own() {
        Api.Sku sku = api.createProduct(seller, "Late", "6.60", 10).get(0);
        JsonNode placed = api.placeOrder(buyer, sku.skuId(), 1).expect(201).body();
        String payNo = placed.path("pay_no").asString();
        api.post("/api/v1/payments/" + payNo + "/requests", buyer, Map.of("channel", "simulator")).expect(200);
        api.post("/api/v1/orders/" + placed.path("order_id").asString() + "/cancel", buyer,
                Map.of("reason", "changed my mind")).expect(200);
        api.send("POST", "/api/v1/payment-notifications/simulator", null, ChannelPlay.form(ChannelPlay.simulator(
                        payNo, "sim-late-" + payNo, "6.60", Instant.now().getEpochSecond(), PaymentIT.SECRET)),
                Map.of("Content-Type", "application/x-www-form-urlencoded")).expect(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND"
                        + " payload_type LIKE '%PaybackSucceeded'", Long.class, "pay-" + payNo) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payout WHERE pay_no = ?", Long.class, payNo)).isZero();
    }
}
