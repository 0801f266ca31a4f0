package io.ordersvc.standalone.checkout;

import io.ordersvc.standalone.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** The cart over HTTP: items, selection, every item's problem, promotion progress, and checking out from it. */
class CartIT extends ShopFixtures {

    private final Map<String, Long> versions = new HashMap<>();

    Api.Response add(String buyer, String sku, int quantity) {
        Api.Response added = api.post("/api/v1/cart/items", buyer, Map.of("sku_id", sku, "quantity", quantity));
        if (added.status() < 300) {
            versions.put(buyer, added.body().path("version").asLong());
        }
        return added;
    }

    String item(String buyer, String sku, int quantity) {
        return add(buyer, sku, quantity).expect(201).text("item_id");
    }

    /** The cart once its read model has seen the buyer's last cart command. */
    JsonNode cart(String buyer) {
        return api.get("/api/v1/cart?min_version=" + versions.getOrDefault(buyer, 0L), buyer).expect(200).body();
    }

    void track(String buyer, Api.Response answer) {
        versions.put(buyer, answer.expect(200).body().path("version").asLong());
    }

    static JsonNode itemOf(JsonNode cart, String itemId) {
        for (JsonNode shop : cart.path("shops")) {
            for (JsonNode item : shop.path("items")) {
                if (item.path("item_id").asString().equals(itemId)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no item " + itemId + " in " + cart);
    }

    @Test
    void items_merge_by_sku_and_the_selection_is_priced_with_its_promotions_progress_and_formula() {
        Shop a = shop();
        Shop b = shop();
        String shirt = sku(a, "衬衫", "120.00", 10);
        String tea = sku(b, "茶", "9.50", 10);
        String reduction = promotion(a, Map.of("name", "满300减50", "type", "full_reduction", "tiers",
                List.of(Map.of("threshold_amount", "300.00", "reduction", "50.00"))));
        String buyer = token(uniqueId("buyer"), "buyer");

        String shirtItem = item(buyer, shirt, 2);
        Api.Response again = add(buyer, shirt, 1).expect(200);
        assertThat(again.text("item_id")).as("the same SKU grows its item").isEqualTo(shirtItem);
        assertThat(again.body().path("quantity").asInt()).isEqualTo(3);

        JsonNode cart = cart(buyer);
        assertThat(cart.path("shops")).hasSize(1);
        JsonNode item = itemOf(cart, shirtItem);
        assertThat(item.path("quantity").asInt()).isEqualTo(3);
        assertThat(item.path("selected").asBoolean()).isTrue();
        assertThat(item.path("valid").asBoolean()).isTrue();
        assertThat(item.path("problem").isNull()).isTrue();
        assertThat(item.path("price_when_added").asString()).isEqualTo("120.00");
        JsonNode promotion = cart.path("shops").get(0).path("promotions").get(0);
        assertThat(promotion.path("promotion_id").asString()).isEqualTo(reduction);
        assertThat(promotion.path("applied").asBoolean()).isTrue();
        assertThat(promotion.path("progress").asString()).isEqualTo("已减¥50.00");
        JsonNode summary = cart.path("summary");
        assertThat(summary.path("selected_count").asInt()).isEqualTo(1);
        assertThat(summary.path("goods_amount").asString()).isEqualTo("360.00");
        assertThat(summary.path("discount_amount").asString()).isEqualTo("50.00");
        assertThat(summary.path("pay_amount").asString()).isEqualTo("310.00");
        assertThat(summary.path("formula").asString()).isEqualTo("总计¥310.00=商品金额¥360.00-活动优惠¥50.00");

        track(buyer, api.patch("/api/v1/cart/items/" + shirtItem, buyer, Map.of("quantity", 2)));
        String teaItem = item(buyer, tea, 1);
        cart = cart(buyer);
        assertThat(cart.path("shops").get(0).path("shop_id").asString()).as("the newest item's shop first")
                .isEqualTo(b.id());
        promotion = cart.path("shops").get(1).path("promotions").get(0);
        assertThat(promotion.path("applied").asBoolean()).isFalse();
        assertThat(promotion.path("progress").asString()).isEqualTo("再买¥60.00减¥50.00");
        assertThat(cart.path("summary").path("selected_count").asInt()).isEqualTo(2);
        assertThat(cart.path("summary").path("formula").asString())
                .isEqualTo("总计¥249.50=商品金额¥249.50-活动优惠¥0.00");

        track(buyer, api.patch("/api/v1/cart/items/" + shirtItem, buyer, Map.of("selected", false)));
        cart = cart(buyer);
        assertThat(itemOf(cart, shirtItem).path("selected").asBoolean()).isFalse();
        assertThat(cart.path("shops").get(1).path("promotions").get(0).path("progress").asString())
                .as("nothing of it selected: the whole threshold is missing").isEqualTo("再买¥300.00减¥50.00");
        assertThat(cart.path("summary").path("pay_amount").asString()).isEqualTo("9.50");

        track(buyer, api.post("/api/v1/cart/selection", buyer, Map.of("all", true, "selected", false)));
        assertThat(cart(buyer).path("summary").path("selected_count").asInt()).isZero();
        track(buyer, api.post("/api/v1/cart/selection", buyer, Map.of("item_ids", List.of(shirtItem, teaItem),
                "selected", true)));
        assertThat(cart(buyer).path("summary").path("selected_count").asInt()).isEqualTo(2);

        track(buyer, api.delete("/api/v1/cart/items/" + teaItem, buyer));
        cart = cart(buyer);
        assertThat(cart.path("shops")).hasSize(1);
        assertThat(cart.path("shops").get(0).path("items")).hasSize(1);

        String unknown = java.util.UUID.randomUUID().toString();
        api.delete("/api/v1/cart/items/" + unknown, buyer).expectProblem(404, "CART_ITEM_NOT_FOUND");
        api.post("/api/v1/cart/selection", buyer, Map.of("item_ids", List.of(shirtItem, unknown), "selected", false))
                .expectProblem(404, "CART_ITEM_NOT_FOUND");
        assertThat(itemOf(cart(buyer), shirtItem).path("selected").asBoolean()).as("nothing changed").isTrue();
        String other = token(uniqueId("buyer"), "buyer");
        api.patch("/api/v1/cart/items/" + shirtItem, other, Map.of("quantity", 1))
                .expectProblem(404, "CART_ITEM_NOT_FOUND");
    }

    @Test
    void every_item_shows_why_it_cannot_be_bought_and_the_summary_counts_only_what_can() {
        Shop a = shop();
        String shelf = sku(a, "下架", "10.00", 10);
        String empty = sku(a, "售罄", "10.00", 0);
        String scarce = sku(a, "紧俏", "10.00", 2);
        String limited = sku(a, "限购", "10.00", 10);
        String pricey = sku(a, "涨价", "10.00", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        Map<String, String> items = new HashMap<>();
        for (String sku : List.of(shelf, empty, scarce, limited, pricey)) {
            items.put(sku, item(buyer, sku, sku.equals(scarce) || sku.equals(limited) ? 3 : 1));
        }
        api.patch("/api/v1/products/" + productOf(shelf), a.seller(), Map.of("on_shelf", false)).expect(200);
        api.patch("/api/v1/products/" + productOf(limited), a.seller(), Map.of("purchase_limit", 2)).expect(200);
        long priced = api.patch("/api/v1/products/" + productOf(pricey), a.seller(), Map.of("skus",
                List.of(Map.of("sku_id", pricey, "price", "12.50")))).expect(200).body().path("version").asLong();
        api.product(productOf(pricey), a.seller(), priced);
        api.product(productOf(shelf), a.seller(), 1);
        api.product(productOf(limited), a.seller(), 1);

        JsonNode cart = cart(buyer);
        Map<String, String> problems = Map.of(shelf, "off_shelf", empty, "out_of_stock", scarce,
                "insufficient_stock", limited, "over_purchase_limit", pricey, "price_changed");
        problems.forEach((sku, problem) -> {
            JsonNode item = itemOf(cart, items.get(sku));
            assertThat(item.path("problem").asString()).as(sku).isEqualTo(problem);
            assertThat(item.path("valid").asBoolean()).as(sku).isEqualTo(problem.equals("price_changed"));
        });
        JsonNode moved = itemOf(cart, items.get(pricey));
        assertThat(moved.path("unit_price").asString()).isEqualTo("12.50");
        assertThat(moved.path("price_when_added").asString()).isEqualTo("10.00");
        assertThat(cart.path("summary").path("selected_count").asInt()).isEqualTo(1);
        assertThat(cart.path("summary").path("pay_amount").asString()).isEqualTo("12.50");

        add(buyer, shelf, 1).expectProblem(422, "OFF_SHELF");
        String newcomer = token(uniqueId("buyer"), "buyer");
        String fresh = item(newcomer, pricey, 1);
        assertThat(itemOf(cart(newcomer), fresh).path("price_when_added").asString())
                .as("the price the edit set, the moment it committed").isEqualTo("12.50");
        add(buyer, java.util.UUID.randomUUID().toString(), 1).expectProblem(422, "UNKNOWN_SKU");
        add(buyer, pricey, 999).expectProblem(422, "QUANTITY_TOO_LARGE");
        api.patch("/api/v1/cart/items/" + items.get(pricey), buyer, Map.of()).expect(400);
        api.patch("/api/v1/cart/items/" + items.get(pricey), buyer, Map.of("quantity", 0)).expect(400);
        api.post("/api/v1/cart/selection", buyer, Map.of("all", true, "item_ids", List.of(items.get(pricey)),
                "selected", true)).expect(400);
        api.get("/api/v1/cart", a.seller()).expect(403);
        assertThat(cart(buyer)).as("refusals change nothing").isEqualTo(cart);
    }

    @Test
    void a_cart_holds_at_most_two_hundred_items() {
        Shop a = shop();
        List<String> skus = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            List<Map<String, Object>> specs = new ArrayList<>();
            for (int s = 0; s < (p < 2 ? 100 : 1); s++) {
                specs.add(Map.of("sku_code", "S" + s, "price", "1.00", "stock", 5));
            }
            api.post("/api/v1/products", a.seller(), Map.of("name", "规格" + p, "skus", specs)).expect(201).body()
                    .path("skus").forEach(s -> skus.add(s.path("sku_id").asString()));
        }
        String buyer = token(uniqueId("buyer"), "buyer");
        for (int i = 0; i < 200; i++) {
            item(buyer, skus.get(i), 1);
        }
        add(buyer, skus.get(200), 1).expectProblem(422, "CART_FULL");
        add(buyer, skus.get(0), 1).expect(200); // growing an item is not a new one
        JsonNode cart = cart(buyer);
        assertThat(cart.path("shops").get(0).path("items")).hasSize(200);
        assertThat(cart.path("summary").path("goods_amount").asString()).isEqualTo("201.00");
    }

    @Test
    void a_checkout_from_the_cart_takes_the_selected_items_and_only_they_leave_the_cart() {
        Shop a = shop();
        String shirt = sku(a, "衬衫", "120.00", 10);
        String socks = sku(a, "袜子", "15.00", 10);
        String hat = sku(a, "帽子", "30.00", 10);
        String buyer = token(uniqueId("buyer"), "buyer");
        String shirtItem = item(buyer, shirt, 2);
        String socksItem = item(buyer, socks, 1);
        String hatItem = item(buyer, hat, 1);
        track(buyer, api.patch("/api/v1/cart/items/" + hatItem, buyer, Map.of("selected", false)));
        Map<String, Object> body = new HashMap<>(body("440305"));
        body.remove("items");
        body.put("source", "cart");

        JsonNode preview = api.post("/api/v1/checkouts/preview", buyer, body).expect(200).body();
        assertThat(preview.path("errors")).isEmpty();
        assertThat(preview.path("shops").get(0).path("lines")).hasSize(2);
        assertThat(preview.path("price").path("goods_amount").asString()).isEqualTo("255.00");
        assertThat(cart(buyer).path("summary").path("goods_amount").asString())
                .as("the cart and the checkout price alike").isEqualTo("255.00");

        JsonNode placed = api.post("/api/v1/checkouts", buyer, body).expect(201).body();
        assertThat(placed.path("orders")).hasSize(1);
        JsonNode order = api.order(placed.path("orders").get(0).path("order_id").asString(), buyer,
                placed.path("orders").get(0).path("version").asLong());
        assertThat(order.path("lines")).hasSize(2);
        JsonNode cart = api.get("/api/v1/cart?min_version=" + (versions.get(buyer) + 1), buyer).expect(200).body();
        assertThat(cart.path("shops").get(0).path("items")).hasSize(1);
        assertThat(itemOf(cart, hatItem).path("selected").asBoolean()).isFalse();

        api.post("/api/v1/checkouts", buyer, body).expectProblem(422, "NO_ITEMS");
        body.put("cart_item_ids", List.of(shirtItem, socksItem));
        api.post("/api/v1/checkouts/preview", buyer, body).expectProblem(404, "CART_ITEM_NOT_FOUND");
        body.put("cart_item_ids", List.of(hatItem));
        body.put("items", List.of(Map.of("sku_id", hat, "quantity", 1)));
        api.post("/api/v1/checkouts", buyer, body).expect(400);
    }

    @Test
    void a_refused_checkout_leaves_the_cart_as_it_was_and_two_checkouts_of_one_cart_buy_it_once() throws Exception {
        Shop a = shop();
        String scarce = sku(a, "紧俏", "50.00", 1);
        String plenty = sku(a, "充足", "20.00", 100);
        String buyer = token(uniqueId("buyer"), "buyer");
        item(buyer, scarce, 2);
        Map<String, Object> body = new HashMap<>(body("440305"));
        body.remove("items");
        body.put("source", "cart");
        api.post("/api/v1/checkouts", buyer, body).expectProblem(409, "OUT_OF_STOCK");
        JsonNode cart = cart(buyer);
        assertThat(cart.path("shops").get(0).path("items")).hasSize(1);
        String scarceItem = cart.path("shops").get(0).path("items").get(0).path("item_id").asString();
        track(buyer, api.delete("/api/v1/cart/items/" + scarceItem, buyer));
        item(buyer, plenty, 3);

        List<Integer> statuses = atOnce(10, () -> api.post("/api/v1/checkouts", buyer, body).status());
        assertThat(statuses).as("one checkout buys the cart; the others find it empty")
                .filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 422 || s == 409);
        assertThat(api.product(productOf(plenty), a.seller(), 1).path("skus").get(0).path("stock").asLong())
                .as("taken once").isEqualTo(97);
    }
}
