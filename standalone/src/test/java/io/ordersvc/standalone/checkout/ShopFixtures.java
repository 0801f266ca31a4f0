package io.ordersvc.standalone.checkout;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;

/** Shops with a freight template, products and promotions, as checkout and cart tests need them. */
abstract class ShopFixtures extends IntegrationTest {

    record Shop(String id, String seller, String template) {
    }

    /** A shop with a freight template: ¥8 the first piece, ¥2 each further one, free from ¥99 in Shanghai. */
    Shop shop() {
        String id = uniqueId("shop");
        String seller = token(uniqueId("seller"), "seller", id);
        String template = api.post("/api/v1/freight-templates", seller, Map.of("name", "全国", "charge_by", "count",
                "default", Map.of("first", 1, "first_fee", "8.00", "additional", 1, "additional_fee", "2.00"),
                "free_shipping", List.of(Map.of("region_codes", List.of("310000"), "min_amount", "99.00")),
                "undeliverable_regions", List.of("710000"))).expect(201).text("freight_template_id");
        return new Shop(id, seller, template);
    }

    String sku(Shop shop, String name, String price, long stock) {
        return sku(shop, name, price, stock, Map.of());
    }

    /** skuTerms: more of the SKU's fields (points_deductible, give_points, ...). */
    String sku(Shop shop, String name, String price, long stock, Map<String, Object> skuTerms) {
        Map<String, Object> spec = new HashMap<>(skuTerms);
        spec.putAll(Map.of("sku_code", "S", "price", price, "stock", stock));
        Map<String, Object> body = new HashMap<>(Map.of("name", name + " " + shop.id(), "skus", List.of(spec)));
        if (shop.template() != null) {
            body.put("freight_template_id", shop.template());
        }
        JsonNode created = api.post("/api/v1/products", shop.seller(), body).expect(201).body();
        String sku = created.path("skus").get(0).path("sku_id").asString();
        products.put(sku, created.path("product_id").asString());
        return sku;
    }

    /** sku id → its product's id, as the products were created. */
    private final Map<String, String> products = new HashMap<>();

    String promotion(Shop shop, Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(terms);
        body.putIfAbsent("starts_at", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        body.putIfAbsent("ends_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        return api.post("/api/v1/promotions", shop.seller(), body).expect(201).text("promotion_id");
    }

    static Map<String, Object> body(String region, Object... skuAndQuantity) {
        Map<String, Object> body = new LinkedHashMap<>(Api.orderBody(skuAndQuantity));
        body.put("source", "buy_now");
        ((Map<String, Object>) body.get("receiver")).put("region_code", region);
        return body;
    }

    String productOf(String sku) {
        return products.get(sku);
    }

    /** Runs the task n times at once (released together) and answers each run's result. */
    static <T> List<T> atOnce(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
