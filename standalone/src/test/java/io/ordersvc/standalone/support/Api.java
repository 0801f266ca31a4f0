package io.ordersvc.standalone.support;

import io.ordersvc.platform.security.TokenMinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A client of the real HTTP API, as a mobile app or back-office would call it. */
public final class Api {

    public static final String SECRET = "integration-test-secret-0123456789abcdef";
    /** The master key of buyers' personal-data keys in tests (orders.personal-data.key). */
    public static final String PERSONAL_DATA_KEY = "746573742d706572736f6e616c2d646174612d6b65792d303132333435363738";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final TokenMinter MINTER = new TokenMinter(SECRET);

    private final String base;
    private final String readBase;

    public Api(int port) {
        this(port, port);
    }

    /** Split deployment: writes to the command side's port, reads (GET) to the query side's. */
    public Api(int commandPort, int queryPort) {
        this.base = "http://localhost:" + commandPort;
        this.readBase = "http://localhost:" + queryPort;
    }

    public record Response(int status, JsonNode body, HttpHeaders headers, String raw) {
        public String text(String field) {
            return body.path(field).asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String code() {
            return text("code");
        }

        public Response expect(int expected) {
            assertThat(status).as("HTTP status of %s", raw).isEqualTo(expected);
            return this;
        }

        public Response expectProblem(int expected, String code) {
            expect(expected);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(code()).as("problem code of %s", raw).isEqualTo(code);
            assertThat(body.path("status").asInt()).isEqualTo(expected);
            assertThat(body.has("type") && body.has("title") && body.has("detail") && body.has("instance")).isTrue();
            return this;
        }
    }

    public static String token(String sub, String role) {
        return token(sub, role, null);
    }

    public static String token(String sub, String role, String shopId) {
        return MINTER.mint(sub, List.of(role), shopId, Duration.ofHours(1), Instant.now());
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** body: null, a raw JSON string, or anything Jackson writes (maps with snake_case keys). */
    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            String target = ("GET".equals(method) ? readBase : base) + path;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            Map<String, String> sent = new LinkedHashMap<>(headers);
            if (token != null) {
                sent.put("Authorization", "Bearer " + token);
            }
            ContractCheck.check("GET".equals(method) ? readBase : base, method, path, json, sent,
                    response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), raw);
            boolean jsonAnswer = response.headers().firstValue("Content-Type").orElse("application/json").contains("json");
            JsonNode parsed = raw == null || raw.isBlank() || !jsonAnswer ? JSON.createObjectNode() : JSON.readTree(raw);
            return new Response(response.statusCode(), parsed, response.headers(), raw);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    // ---- domain helpers

    public record Sku(String productId, String skuId) {
    }

    public List<Sku> createProduct(String sellerToken, String name, String price, long... stocks) {
        List<Map<String, Object>> skus = new ArrayList<>();
        for (int i = 0; i < stocks.length; i++) {
            skus.add(Map.of("sku_code", "SKU-" + i, "properties", Map.of("颜色", "色" + i), "price", price,
                    "points_price", 100, "stock", stocks[i]));
        }
        Response created = post("/api/v1/products", sellerToken, Map.of("name", name, "skus", skus)).expect(201);
        List<Sku> result = new ArrayList<>();
        created.body().path("skus").forEach(s -> result.add(new Sku(created.text("product_id"),
                s.path("sku_id").asString())));
        return result;
    }

    public static Map<String, Object> receiver() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "张三");
        r.put("phone", "13800138000");
        r.put("province", "广东省");
        r.put("city", "深圳市");
        r.put("district", "南山区");
        r.put("address", "科技园路1号");
        return r;
    }

    public static Map<String, Object> orderBody(Object... skuAndQuantity) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            items.add(Map.of("sku_id", skuAndQuantity[i], "quantity", skuAndQuantity[i + 1]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("receiver", receiver());
        return body;
    }

    public Response placeOrder(String buyerToken, Object... skuAndQuantity) {
        return post("/api/v1/orders", buyerToken, orderBody(skuAndQuantity));
    }

    public Response pay(String orderId, String amount, String transactionNo) {
        return post("/api/v1/orders/" + orderId + "/pay", token("pay-gateway", "system"),
                Map.of("amount", amount, "channel", "wechat", "transaction_no", transactionNo));
    }

    public Response ship(String orderId, String sellerToken) {
        return post("/api/v1/orders/" + orderId + "/shipments", sellerToken,
                Map.of("carrier_code", "SF", "carrier_name", "顺丰速运", "tracking_no", trackingNo(orderId)));
    }

    /** The tracking number {@link #ship} gives: "SF" and the id's last 8 digits (ids of one minute share the first). */
    public static String trackingNo(String orderId) {
        return "SF" + orderId.substring(orderId.length() - 8);
    }

    /** Reads an order once the read model has reached the version a command answered. */
    public JsonNode order(String orderId, String token, long version) {
        return awaitRead("/api/v1/orders/" + orderId, token, version);
    }

    public JsonNode product(String productId, String token, long version) {
        return awaitRead("/api/v1/products/" + productId, token, version);
    }

    private JsonNode awaitRead(String path, String token, long version) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Response r = get(path + "?min_version=" + version, token);
            if (r.status() == 200 && r.header("X-Read-Model-Stale") == null) {
                return r.body();
            }
            if (r.status() != 200 && r.status() != 404) {
                throw new AssertionError("GET " + path + " answered " + r.raw());
            }
        }
        throw new AssertionError(path + " never reached version " + version);
    }
}
