package io.ordersvc.standalone.web;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Response;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** What a client sent wrong comes back as problem+json with a stable code, and changes nothing. */
class ProblemShapesIT extends IntegrationTest {

    String buyer;
    String seller;
    Sku sku;
    long eventsBefore;

    @BeforeEach
    void setUp() {
        buyer = token(uniqueId("buyer"), "buyer");
        seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        sku = api.createProduct(seller, "Kettle", "35.00", 3).get(0);
        eventsBefore = storedEvents();
    }

    private void nothingStored() {
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    private static List<String> fields(Response r) {
        List<String> fields = new ArrayList<>();
        r.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void problems_speak_in_fields_and_rules_never_in_java_names() {
        Response missing = api.post("/api/v1/orders", buyer, null).expectProblem(400, "MALFORMED_REQUEST");
        assertThat(missing.text("detail")).isEqualTo("This request needs a JSON body");
        Response type = api.post("/api/v1/orders", buyer, "{\"order_type\":\"x\",\"items\":[]}")
                .expectProblem(400, "MALFORMED_REQUEST");
        assertThat(type.text("detail")).isEqualTo("Field order_type must be one of physical, points_exchange");
        assertThat(fields(type)).containsExactly("order_type");
        Response quantity = api.post("/api/v1/orders", buyer, "{\"items\":[{\"sku_id\":\"" + sku.skuId()
                + "\",\"quantity\":\"two\"}]}").expectProblem(400, "MALFORMED_REQUEST");
        assertThat(fields(quantity)).containsExactly("items[0].quantity");
        assertThat(quantity.text("detail")).isEqualTo("Field items[0].quantity must be a whole number");
        Response syntax = api.post("/api/v1/orders", buyer, "{\"items\": [").expectProblem(400, "MALFORMED_REQUEST");
        assertThat(syntax.text("detail")).startsWith("The body is not valid JSON");
        Response twice = api.post("/api/v1/orders", buyer, "{\"buyer_remark\":\"a\",\"buyer_remark\":\"b\"}")
                .expectProblem(400, "MALFORMED_REQUEST");
        assertThat(fields(twice)).containsExactly("buyer_remark");
        Response nowhere = api.get("/api/v1/nope", buyer).expectProblem(404, "NOT_FOUND");
        assertThat(nowhere.text("detail")).isEqualTo("There is no endpoint GET /api/v1/nope");
        for (Response r : List.of(missing, type, quantity, syntax, twice, nowhere)) {
            assertThat(r.raw()).doesNotContain("io.ordersvc", "java.", "tools.jackson", "public ", "$");
        }
        nothingStored();
    }

    @Test
    void a_negative_price_is_a_validation_failure_of_its_field() {
        Response r = api.post("/api/v1/products", token(uniqueId("seller"), "seller", uniqueId("shop")),
                Map.of("name", "x", "skus", List.of(Map.of("sku_code", "a", "price", "-1.00", "cost_price", "-0.01",
                        "stock", 1)))).expectProblem(400, "VALIDATION_FAILED");
        assertThat(fields(r)).containsExactlyInAnyOrder("skus[0].price", "skus[0].cost_price");
        nothingStored();
    }

    @Test
    void malformed_json_is_400() {
        api.post("/api/v1/orders", buyer, "{\"items\": [").expectProblem(400, "MALFORMED_REQUEST");
        api.post("/api/v1/orders", buyer, "[]").expectProblem(400, "MALFORMED_REQUEST");
        api.post("/api/v1/orders", buyer, "{\"items\":[{\"sku_id\":\"" + sku.skuId() + "\",\"quantity\":\"two\"}]}")
                .expectProblem(400, "MALFORMED_REQUEST");
        api.post("/api/v1/orders", buyer, "{\"items\":[{\"sku_id\":\"not-a-uuid\",\"quantity\":1}]}")
                .expectProblem(400, "MALFORMED_REQUEST");
        nothingStored();
    }

    @Test
    void validation_failures_name_each_field_in_snake_case() {
        Map<String, Object> body = Api.orderBody(sku.skuId(), 0);
        @SuppressWarnings("unchecked") var receiver = (Map<String, Object>) body.get("receiver");
        receiver.put("phone", "call me");
        receiver.remove("city");
        Response r = api.post("/api/v1/orders", buyer, body).expectProblem(400, "VALIDATION_FAILED");
        assertThat(fields(r)).contains("receiver.phone", "receiver.city", "items[0].quantity");
        api.post("/api/v1/orders", buyer, Map.of("items", List.of())).expectProblem(400, "VALIDATION_FAILED");
        nothingStored();
    }

    @Test
    void money_finer_than_a_fen_or_not_a_number_is_refused() {
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        eventsBefore = storedEvents();
        api.pay(orderId, "35.001", "tx").expectProblem(400, "MALFORMED_REQUEST");
        api.pay(orderId, "lots", "tx").expectProblem(400, "MALFORMED_REQUEST");
        api.post("/api/v1/orders/" + orderId + "/pay", token("gw", "system"),
                "{\"amount\":35.00,\"channel\":\"alipay\",\"transaction_no\":\"tx-n\"}").expect(200);
        assertThat(storedEvents()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void bad_path_and_query_parameters_are_400() {
        api.get("/api/v1/orders/not-a-uuid", buyer).expectProblem(400, "INVALID_PARAMETER");
        api.get("/api/v1/orders?page=0", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?size=101", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?status=lost", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?created_from=yesterday", buyer).expectProblem(400, "INVALID_PARAMETER");
        api.get("/api/v1/orders?page=abc", buyer).expectProblem(400, "INVALID_PARAMETER");
        api.post("/api/v1/orders//pay", buyer, Map.of()).expectProblem(400, "BAD_REQUEST");
        api.get("/api/v1/nothing-here", buyer).expectProblem(404, "NOT_FOUND");
        api.send("PUT", "/api/v1/orders", buyer, "{}", Map.of()).expectProblem(405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void a_wildcard_content_type_is_415_and_the_error_page_is_not_an_endpoint() {
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        eventsBefore = storedEvents();
        for (String type : List.of("application/*", "*/*", "application/json;charset=nonsense-\u00e9")) {
            api.send("POST", "/api/v1/orders/" + orderId + "/cancel", buyer, "{\"reason\":\"x\"}",
                    Map.of("Content-Type", type)).expectProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        }
        api.get("/error", null).expectProblem(404, "NOT_FOUND");
        api.get("/error", buyer).expectProblem(404, "NOT_FOUND");
        api.send("POST", "/error", buyer, "{}", Map.of()).expectProblem(404, "NOT_FOUND");
        nothingStored();
    }

    @Test
    void a_request_line_tomcat_rejects_still_answers_problem_json() throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write("GET /api/v1/orders?product_name=T恤 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"code\":\"BAD_REQUEST\"");
        }
    }

    @Test
    void bodies_over_the_limit_are_413_whether_declared_or_streamed() throws Exception {
        String huge = "{\"reason\":\"" + "x".repeat(1_100_000) + "\"}";
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        eventsBefore = storedEvents();
        api.post("/api/v1/orders/" + orderId + "/cancel", buyer, huge).expectProblem(413, "PAYLOAD_TOO_LARGE");
        var chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/orders/" + orderId + "/cancel"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + buyer)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes()))).build();
        var response = java.net.http.HttpClient.newHttpClient().send(chunked,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
        nothingStored();
    }

    @Test
    void control_characters_in_text_are_refused_before_they_reach_the_database() {
        Map<String, Object> body = Api.orderBody(sku.skuId(), 1);
        @SuppressWarnings("unchecked") var receiver = (Map<String, Object>) body.get("receiver");
        receiver.put("name", "Zhang\u0000San");
        api.post("/api/v1/orders", buyer, body).expectProblem(400, "MALFORMED_REQUEST");
        api.get("/api/v1/orders?keyword_type=goods_name&keyword=%00", buyer).expectProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?product_name=a%00b", buyer).expectProblem(400, "VALIDATION_FAILED");
        nothingStored();
        // One policy for every text field: these are refused anywhere, naming the field.
        // (Written as JSON escapes: a lone surrogate cannot travel as UTF-8, only escaped.)
        for (String bad : List.of("a\\u007Fb", "a\\u0085b", "\\u202Eevil", "a\\u2066b\\u2069", "a\\uD800",
                "\\uDC00a", "a\\uFFFEb", "a\\u009Bb")) {
            Map<String, Object> body0 = Api.orderBody(sku.skuId(), 1);
            body0.put("buyer_remark", "PLACEHOLDER");
            String refused = new tools.jackson.databind.json.JsonMapper().writeValueAsString(body0)
                    .replace("PLACEHOLDER", bad);
            assertThat(api.post("/api/v1/orders", buyer, refused).expectProblem(400, "MALFORMED_REQUEST").raw()).contains("buyer_remark").contains("control characters");
        }
        // A name is one line; a remark may span lines.
        for (String multiLine : List.of("Zhang\nSan", "Zhang\r\nSan", "Zhang\tSan", "Zhang\u2028San")) {
            Map<String, Object> refused = Api.orderBody(sku.skuId(), 1);
            @SuppressWarnings("unchecked") var who = (Map<String, Object>) refused.get("receiver");
            who.put("name", multiLine);
            assertThat(api.post("/api/v1/orders", buyer, refused).expectProblem(400, "VALIDATION_FAILED").raw()).contains("receiver.name").contains("single line");
        }
        nothingStored();
        // Right-to-left text with its plain marks is text.
        body = Api.orderBody(sku.skuId(), 1);
        body.put("buyer_remark", "\u200Fمرحبا\u200E ok");
        api.post("/api/v1/orders", buyer, body).expect(201);
        // Tabs and line breaks are text, not control noise.
        body = Api.orderBody(sku.skuId(), 1);
        body.put("buyer_remark", "请在\n周末送货\t谢谢");
        api.post("/api/v1/orders", buyer, body).expect(201);
    }

    @Test
    void an_image_url_is_an_https_link() {
        for (String url : List.of("javascript:alert(1)", "data:image/png;base64,AAAA", "http://img.example.com/a.jpg",
                "//img.example.com/a.jpg", "/a.jpg", "https://", "https://user:pw@img.example.com/a.jpg",
                "https://img example.com/a.jpg")) {
            assertThat(api.post("/api/v1/products", seller, Map.of("name", "Cup", "image_url", url,
                            "skus", List.of(Map.of("sku_code", "C-1", "price", "9.00", "stock", 1))))
                    .expectProblem(400, "VALIDATION_FAILED").raw()).as(url).contains("image_url").contains("https");
        }
        nothingStored();
        api.post("/api/v1/products", seller, Map.of("name", "Cup", "image_url", "https://img.example.com/a.jpg?w=200",
                "skus", List.of(Map.of("sku_code", "C-1", "price", "9.00", "stock", 1)))).expect(201);
    }

    @Test
    void unknown_fields_are_ignored() {
        Map<String, Object> body = Api.orderBody(sku.skuId(), 1);
        body.put("pay_amount", "0.01");
        body.put("coupon", Map.of("nested", List.of(1, 2, 3)));
        assertThat(api.post("/api/v1/orders", buyer, body).expect(201).text("pay_amount")).isEqualTo("35.00");
    }

    @Test
    void business_rules_answer_422_or_409_with_their_code() {
        api.placeOrder(buyer, java.util.UUID.randomUUID().toString(), 1).expectProblem(422, "UNKNOWN_SKU");
        Sku otherShop = api.createProduct(token(uniqueId("seller"), "seller", uniqueId("shop")), "Other", "1.00", 5)
                .get(0);
        eventsBefore = storedEvents();
        api.placeOrder(buyer, sku.skuId(), 1, otherShop.skuId(), 1).expectProblem(422, "MULTIPLE_SHOPS");
        api.placeOrder(buyer, sku.skuId(), 4).expectProblem(409, "OUT_OF_STOCK");
        Map<String, Object> points = Api.orderBody(sku.skuId(), 1);
        points.put("order_type", "gift_card");
        api.post("/api/v1/orders", buyer, points).expectProblem(400, "MALFORMED_REQUEST");
        nothingStored();
    }
}
