package io.ordersvc.standalone.ticket;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.ordersvc.command.payment.PaymentSettings;
import io.ordersvc.standalone.payment.ChannelPlay;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.MovableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-tickets over HTTP: issued when the order is paid through the simulator, listed with their QR image for the buyer,
 * redeemed once by the shop even when two redemptions race, refunded while unused through the channel, expired by
 * the order timer; the order is never shipped and completes when every ticket is settled.
 */
class ETicketIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String buyer = token(uniqueId("buyer"), "buyer");

    @Autowired
    MovableClock clock;

    record Placed(String orderId, List<String> codes) {
    }

    String ticketSku(Instant from, Instant until) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", "音乐节门票");
        body.put("product_type", "e_ticket");
        if (from != null) {
            body.put("ticket_valid_from", from.toString());
        }
        body.put("ticket_valid_until", until.toString());
        body.put("skus", List.of(Map.of("sku_code", "DAY", "price", "33.33", "stock", 20)));
        return api.post("/api/v1/products", seller, body).expect(201).body().path("skus").get(0).path("sku_id")
                .asString();
    }

    Placed placeAndPay(String sku, int units) {
        JsonNode placed = api.placeOrder(buyer, sku, units).expect(201).body();
        String payNo = placed.path("pay_no").asString();
        api.post("/api/v1/payments/" + payNo + "/requests", buyer, Map.of("channel", "simulator")).expect(200);
        api.send("POST", "/api/v1/payment-notifications/simulator", null, ChannelPlay.form(ChannelPlay.simulator(
                        payNo, "sim-" + payNo, placed.path("pay_amount").asString(), Instant.now().getEpochSecond(),
                        PaymentSettings.SIMULATOR_DEV_SECRET)),
                Map.of("Content-Type", "application/x-www-form-urlencoded")).expect(200);
        String orderId = placed.path("order_id").asString();
        JsonNode tickets = api.get("/api/v1/orders/" + orderId + "/tickets?min_version=3", buyer).expect(200)
                .body().path("tickets");
        List<String> codes = new ArrayList<>();
        tickets.forEach(t -> codes.add(t.path("code").asString()));
        return new Placed(orderId, codes);
    }

    JsonNode orderWhen(String orderId, Predicate<JsonNode> until) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> until.test(api.get("/api/v1/orders/" + orderId, buyer).expect(200).body()));
        return api.get("/api/v1/orders/" + orderId, buyer).expect(200).body();
    }

    byte[] qr(String code, String token) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/tickets/" + code + "/qr.png"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            return null;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        return response.body();
    }

    static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(
                image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    @Test
    void paid_tickets_are_listed_with_their_qr_image_for_the_buyer_and_redeemed_once_when_two_redemptions_race()
            throws Exception {
        Placed order = placeAndPay(ticketSku(null, Instant.now().plus(Duration.ofDays(30))), 2);
        assertThat(order.codes()).hasSize(2).allSatisfy(c -> assertThat(c).matches("[0-9A-HJKMNP-TV-Z]{16}"));
        JsonNode detail = orderWhen(order.orderId(), o -> "shipped".equals(o.path("status").asString()));
        assertThat(detail.path("tickets").path("unused").asInt()).isEqualTo(2);
        assertThat(detail.path("shipping_fee").asString()).isEqualTo("0.00");
        JsonNode sellerView = api.get("/api/v1/orders/" + order.orderId(), seller).expect(200).body();
        assertThat(sellerView.path("actions").path("can_ship").asBoolean()).isFalse();
        assertThat(detail.path("actions").path("can_confirm_receipt").asBoolean()).isFalse();
        api.ship(order.orderId(), seller).expectProblem(409, "ORDER_NOT_SHIPPABLE");
        assertThat(api.get("/api/v1/orders/" + order.orderId() + "/tickets", seller).expect(200).body()
                .path("tickets").get(0).path("code").asString()).startsWith("************");

        assertThat(decode(qr(order.codes().get(0), buyer))).isEqualTo(order.codes().get(0));
        assertThat(qr(order.codes().get(0), seller)).isNull();
        assertThat(qr(order.codes().get(0), token(uniqueId("buyer"), "buyer"))).isNull();

        String code = order.codes().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(pool.submit((Callable<Api.Response>) () -> {
                go.await();
                return api.post("/api/v1/tickets/" + code + "/redeem", seller, null);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            Api.Response r = answer.get();
            statuses.add(r.status());
            if (r.status() != 200) {
                r.expectProblem(409, "TICKET_ALREADY_USED");
            }
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        api.post("/api/v1/tickets/" + code + "/redeem", token(uniqueId("seller"), "seller", uniqueId("shop")), null)
                .expectProblem(404, "TICKET_NOT_FOUND");

        JsonNode refunded = api.post("/api/v1/tickets/" + order.codes().get(1) + "/refund", buyer, null).expect(200)
                .body();
        String refundId = refunded.path("refund_id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(api.get(
                "/api/v1/refunds/" + refundId, buyer).expect(200).body().path("payout").path("status").asString()));
        JsonNode refund = api.get("/api/v1/refunds/" + refundId, buyer).expect(200).body();
        assertThat(refund.path("amount").asString()).isEqualTo("33.33");
        assertThat(refund.path("reason").asString()).isEqualTo("ticket_returned");
        JsonNode completed = orderWhen(order.orderId(), o -> "completed".equals(o.path("status").asString()));
        assertThat(completed.path("tickets").path("used").asInt()).isEqualTo(1);
        assertThat(completed.path("tickets").path("refunded").asInt()).isEqualTo(1);
        JsonNode listed = null;
        for (JsonNode item : api.get("/api/v1/orders?status=completed", buyer).expect(200).body().path("items")) {
            if (item.path("order_id").asString().equals(order.orderId())) {
                listed = item;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("tickets").path("used").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/orders/" + order.orderId() + "/log", buyer).expect(200).body()
                .findValuesAsString("action")).contains("tickets_issued", "ticket_used", "ticket_refunded");
    }

    @Test
    void tickets_left_unused_expire_when_their_validity_ends_and_the_order_completes() {
        Instant now = clock.instant();
        Placed order = placeAndPay(ticketSku(now.minusSeconds(60), now.plus(Duration.ofHours(2))), 1);
        api.post("/api/v1/orders/" + order.orderId() + "/refunds", buyer, Map.of("order_line_id",
                api.get("/api/v1/orders/" + order.orderId(), buyer).body().path("lines").get(0)
                        .path("order_line_id").asString(), "type", "refund_only", "goods_received", false,
                "reason", "other", "amount", "33.33")).expectProblem(422, "TICKET_REFUND_BY_CODE");
        try {
            clock.advance(Duration.ofHours(2).plusSeconds(1));
            JsonNode completed = orderWhen(order.orderId(), o -> "completed".equals(o.path("status").asString()));
            assertThat(completed.path("tickets").path("expired").asInt()).isEqualTo(1);
            api.post("/api/v1/tickets/" + order.codes().get(0) + "/redeem", seller, null)
                    .expectProblem(409, "TICKET_EXPIRED");
        } finally {
            clock.reset();
        }
    }
}
