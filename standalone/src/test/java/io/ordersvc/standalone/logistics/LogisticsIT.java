package io.ordersvc.standalone.logistics;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Tracking links from configured templates only, and carriers' signed notifications appending traces once. */
class LogisticsIT extends IntegrationTest {

    static final String SECRET = "logistics-it-secret";
    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");

    record Shipped(String orderId, String shipmentId) {
    }

    Shipped shipped(String carrier, String trackingNo) {
        Api.Sku sku = api.createProduct(seller, "Parcel", "5.00", 10).get(0);
        String order = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(order, "5.00", "tx-" + order).expect(200);
        String shipment = api.post("/api/v1/orders/" + order + "/shipments", seller, Map.of("carrier_code", carrier,
                "carrier_name", "顺丰速运", "tracking_no", trackingNo)).expect(201).text("shipment_id");
        api.order(order, buyer, 2); // the read model has the shipment
        return new Shipped(order, shipment);
    }

    Api.Response notify(String carrier, String body, long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sign = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return api.send("POST", "/api/v1/logistics-notifications/" + carrier, null, body,
                Map.of("X-Timestamp", Long.toString(timestamp), "X-Signature", sign));
    }

    @Test
    void signed_notifications_append_traces_once_and_the_detail_shows_the_latest_and_delivered() throws Exception {
        String trackingNo = "SF" + System.nanoTime();
        Shipped parcel = shipped("SF", trackingNo);
        long now = Instant.now().getEpochSecond();
        String first = "{\"tracking_no\":\"" + trackingNo + "\",\"traces\":["
                + "{\"at\":\"2026-12-01T08:00:00Z\",\"status\":\"collected\",\"description\":\"顺丰速运 已收取快件\",\"location\":\"深圳\"},"
                + "{\"at\":\"2026-12-01T12:00:00Z\",\"status\":\"in_transit\",\"description\":\"快件已到达【上海转运中心】\"}]}";
        notify("SF", first, now, "not-the-secret").expectProblem(400, "BAD_SIGNATURE");
        notify("SF", first, now - 600, SECRET).expectProblem(400, "BAD_SIGNATURE");
        notify("SF", first.replace(trackingNo, "SF-unknown"), now, SECRET).expectProblem(404, "UNKNOWN_SHIPMENT");
        assertThat(notify("SF", first, now, SECRET).expect(200).body().path("recorded").asInt()).isEqualTo(2);
        assertThat(notify("SF", first, now, SECRET).expect(200).body().path("recorded").asInt())
                .as("sent again: nothing new").isZero();
        String last = "{\"tracking_no\":\"" + trackingNo + "\",\"delivered\":true,\"traces\":["
                + "{\"at\":\"2026-12-02T09:30:00Z\",\"status\":\"signed\",\"description\":\"已签收，签收人：本人\"}]}";
        assertThat(notify("sf", last, now, SECRET).expect(200).body().path("recorded").asInt()).isEqualTo(1);
        notify("SF", "{\"tracking_no\":\"" + trackingNo + "\",\"traces\":[{\"status\":\"x\"}]}", now, SECRET)
                .expect(400);

        JsonNode tracking = waitForTraces(parcel, 3);
        assertThat(tracking.path("url").asString())
                .isEqualTo("https://www.sf-express.com/chn/sc/waybill/waybill-detail/" + trackingNo);
        assertThat(tracking.path("delivered").asBoolean()).isTrue();
        assertThat(tracking.path("traces").get(0).path("location").asString()).isEqualTo("深圳");
        JsonNode shipment = api.order(parcel.orderId(), buyer, 2).path("shipments").get(0);
        assertThat(shipment.path("delivered").asBoolean()).isTrue();
        assertThat(shipment.path("latest_trace").path("status").asString()).isEqualTo("signed");
        assertThat(shipment.path("tracking_url").asString()).startsWith("https://www.sf-express.com/");
        assertThat(api.order(parcel.orderId(), buyer, 2).path("status").asString())
                .as("delivered is the carrier's word; receipt stays the buyer's").isEqualTo("shipped");

        api.get(path(parcel), token(uniqueId("buyer"), "buyer")).expectProblem(404, "ORDER_NOT_FOUND");
        api.get(path(parcel), seller).expect(200);
        api.get("/api/v1/orders/" + parcel.orderId() + "/shipments/" + java.util.UUID.randomUUID() + "/tracking",
                buyer).expectProblem(404, "SHIPMENT_NOT_FOUND");
    }

    @Test
    void a_carrier_without_a_template_or_with_a_slash_in_its_code_gets_no_link() {
        Shipped odd = shipped("SF/../evil", "../../x?y=<b>");
        JsonNode tracking = api.get(path(odd), buyer).expect(200).body();
        assertThat(tracking.has("url")).isFalse();
        assertThat(tracking.path("traces")).isEmpty();
        Shipped unknown = shipped("DHL", "1234");
        assertThat(api.get(path(unknown), buyer).expect(200).body().has("url")).isFalse();
        Shipped zto = shipped("ZTO", "7300 1/2");
        assertThat(api.get(path(zto), buyer).expect(200).body().path("url").asString())
                .isEqualTo("https://www.kuaidi100.com/chaxun?com=zhongtong&nu=7300+1%2F2");
    }

    String path(Shipped parcel) {
        return "/api/v1/orders/" + parcel.orderId() + "/shipments/" + parcel.shipmentId() + "/tracking";
    }

    JsonNode waitForTraces(Shipped parcel, int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get(path(parcel), buyer).expect(200).body().path("traces").size() == count);
        return api.get(path(parcel), buyer).expect(200).body();
    }
}
