package io.ordersvc.standalone.privacy;

import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data over HTTP: receivers are stored sealed (events and read models), searched by blind tokens, and gone
 * everywhere once the buyer is erased, while amounts, statuses and history stay; receivers stored in clear before
 * sealing are scrubbed from the event store.
 */
class PersonalDataErasureIT extends IntegrationTest {

    static final String ERASED = "[erased]";

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);
    final String admin = token("admin-erasure", "admin");

    /** A receiver no other test has: a random four-character name, a random phone. */
    record Person(String name, String phone, String address) {
        static Person random() {
            String chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
            ThreadLocalRandom r = ThreadLocalRandom.current();
            StringBuilder name = new StringBuilder("欧阳");
            for (int i = 0; i < 4; i++) {
                name.append(chars.charAt(r.nextInt(chars.length())));
            }
            return new Person(name.toString(), "139" + String.format("%08d", r.nextInt(100_000_000)),
                    "幸福路" + r.nextInt(1000) + "号");
        }

        Map<String, Object> body(String regionCode) {
            Map<String, Object> m = new HashMap<>(Api.receiver());
            m.put("name", name);
            m.put("phone", phone);
            m.put("address", address);
            if (regionCode != null) {
                m.put("region_code", regionCode);
            }
            return m;
        }
    }

    String place(String buyer, String skuId, Person person) {
        Map<String, Object> body = Api.orderBody(skuId, 1);
        body.put("receiver", person.body(null));
        String orderId = api.post("/api/v1/orders", buyer, body).expect(201).text("order_id");
        api.order(orderId, buyer, 0);
        return orderId;
    }

    List<String> search(String type, String keyword) {
        JsonNode page = api.get("/api/v1/orders?size=100&keyword_type=" + type + "&keyword="
                + URLEncoder.encode(keyword, StandardCharsets.UTF_8), seller).expect(200).body();
        return page.path("items").valueStream().map(i -> i.path("order_id").asString()).toList();
    }

    String storedEvents(String orderId) {
        return String.join("\n", jdbc.queryForList("SELECT payload FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", byte[].class, orderId)
                .stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void a_buyer_erased_reads_erased_everywhere_and_its_amounts_stay() {
        Api.Sku sku = api.createProduct(seller, "隐私杯", "25.00", 20).get(0);
        String aId = uniqueId("buyer");
        String a = token(aId, "buyer");
        String b = token(uniqueId("buyer"), "buyer");
        Person pa = Person.random();
        Person moved = Person.random();
        Person pb = Person.random();
        String paid = place(a, sku.skuId(), pa);
        api.pay(paid, "25.00", "tx-" + paid).expect(200);
        String changed = place(a, sku.skuId(), pa);
        api.put("/api/v1/orders/" + changed + "/receiver", a, moved.body("310104")).expect(200);
        api.order(changed, a, 1);
        String others = place(b, sku.skuId(), pb);

        // Stored sealed: neither the events nor the order rows hold the name, phone or street address.
        for (String orderId : List.of(paid, changed)) {
            assertThat(storedEvents(orderId)).doesNotContain(pa.name(), pa.phone(), pa.address(), moved.name(),
                    moved.phone(), moved.address()).contains("\"name\":\"pd1:");
            Map<String, Object> row = jdbc.queryForMap("SELECT receiver_name, receiver_phone, receiver_address,"
                    + " receiver_province FROM order_view WHERE order_id = ?", orderId);
            assertThat(row.get("receiver_name").toString()).startsWith("pd1:");
            assertThat(row.get("receiver_phone").toString()).startsWith("pd1:");
            assertThat(row.get("receiver_address").toString()).startsWith("pd1:");
            assertThat(row.get("receiver_province")).isEqualTo("广东省");
        }
        // ... and read, and searched, as before.
        JsonNode before = api.get("/api/v1/orders/" + paid, a).expect(200).body();
        assertThat(api.get("/api/v1/orders/" + paid + "/history", a).expect(200).body().get(0).path("payload")
                .path("receiver").path("name").asString()).as("the audit history reads the event").isEqualTo(pa.name());
        assertThat(before.path("receiver").path("name").asString()).isEqualTo(pa.name());
        assertThat(before.path("receiver").path("address").asString()).isEqualTo(pa.address());
        assertThat(api.get("/api/v1/orders/" + changed, seller).expect(200).body().path("receiver").path("phone")
                .asString()).isEqualTo(moved.phone());
        assertThat(search("receiver_name", pa.name().substring(2))).containsExactly(paid);
        assertThat(search("receiver_name", moved.name())).containsExactly(changed);
        assertThat(search("receiver_phone", pa.phone().substring(5))).containsExactly(paid);
        assertThat(search("receiver_phone", pb.phone())).containsExactly(others);
        api.get("/api/v1/orders?keyword_type=receiver_phone&keyword=13", seller)
                .expectProblem(400, "KEYWORD_TOO_SHORT");

        // Only an admin erases.
        String erase = "/api/v1/admin/buyers/" + aId + "/erase";
        api.post(erase, a, null).expect(403);
        api.post(erase, seller, null).expect(403);
        JsonNode erasure = api.post(erase, admin, null).expect(200).body();
        assertThat(erasure.path("buyer_id").asString()).isEqualTo(aId);
        assertThat(erasure.path("orders").asInt()).isEqualTo(2);
        assertThat(erasure.path("events_scrubbed").asInt()).isZero();

        for (String orderId : List.of(paid, changed)) {
            for (String reader : List.of(a, seller, admin)) {
                JsonNode receiver = api.get("/api/v1/orders/" + orderId, reader).expect(200).body().path("receiver");
                assertThat(receiver.path("name").asString()).isEqualTo(ERASED);
                assertThat(receiver.path("phone").asString()).isEqualTo(ERASED);
                assertThat(receiver.path("address").asString()).isEqualTo(ERASED);
                assertThat(receiver.path("province").asString()).as("the region stays").isNotEmpty();
            }
            // The past too: the order as of its placement, folded from the store.
            JsonNode placed = api.get("/api/v1/orders/" + orderId + "?at_version=0", admin).expect(200).body();
            assertThat(placed.path("receiver").path("name").asString()).isEqualTo(ERASED);
            assertThat(placed.path("pay_amount").asString()).isEqualTo("25.00");
        }
        JsonNode after = api.get("/api/v1/orders/" + paid, a).expect(200).body();
        JsonNode audit = api.get("/api/v1/orders/" + changed + "/history", admin).expect(200).body();
        assertThat(audit.get(0).path("payload").path("receiver").path("name").asString()).isEqualTo(ERASED);
        assertThat(audit.get(1).path("type").asString()).isEqualTo("ReceiverChanged");
        assertThat(audit.get(1).path("payload").path("receiver").path("phone").asString()).isEqualTo(ERASED);
        assertThat(audit.get(0).path("payload").path("price").path("pay_amount").asString()).isEqualTo("25.00");
        assertThat(after.path("status").asString()).isEqualTo(before.path("status").asString());
        assertThat(after.path("pay_amount").asString()).isEqualTo("25.00");
        assertThat(after.path("payment").path("amount").asString()).isEqualTo("25.00");
        assertThat(after.path("log").size()).isEqualTo(before.path("log").size());
        JsonNode listed = api.get("/api/v1/orders?buyer_id=" + aId, admin).expect(200).body().path("items");
        assertThat(listed.size()).isEqualTo(2);
        listed.forEach(i -> assertThat(i.path("receiver_name").asString()).isEqualTo(ERASED));
        // No search finds the erased buyer's orders; the other buyer's still are found.
        assertThat(search("receiver_name", pa.name())).isEmpty();
        assertThat(search("receiver_phone", pa.phone())).isEmpty();
        assertThat(search("receiver_name", moved.name())).isEmpty();
        assertThat(search("receiver_name", pb.name())).containsExactly(others);
        assertThat(api.get("/api/v1/orders/" + others, b).expect(200).body().path("receiver").path("name")
                .asString()).isEqualTo(pb.name());
        // The read model keeps nothing either.
        assertThat(jdbc.queryForList("SELECT receiver_name FROM order_view WHERE buyer_id = ?", String.class, aId))
                .containsOnly(ERASED);

        // A projection batch that read the buyer's events before the erasure and wrote after it: erased again.
        jdbc.update("UPDATE order_view SET receiver_name = ? WHERE order_id = ?", pa.name(), paid);
        jdbc.update(c -> {
            var ps = c.prepareStatement("UPDATE order_receiver_token SET tokens = ? WHERE order_id = ?");
            ps.setArray(1, c.createArrayOf("bigint", vault.searchTokens(pa.name(), pa.phone())));
            ps.setString(2, paid);
            return ps;
        });
        assertThat(search("receiver_name", pa.name())).as("its tokens are back").containsExactly(paid);
        assertThat(sealing.keepErased()).as("the row and its tokens").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT receiver_name FROM order_view WHERE order_id = ?", String.class, paid))
                .isEqualTo(ERASED);
        assertThat(search("receiver_name", pa.name())).isEmpty();
        assertThat(sealing.keepErased()).as("nothing left").isZero();

        // Erasing again changes nothing and answers the first erasure's time.
        JsonNode again = api.post(erase, admin, null).expect(200).body();
        assertThat(again.path("erased_at").asString()).isEqualTo(erasure.path("erased_at").asString());
        // The erased buyer's data is never stored again: it cannot place an order, and nothing is stored.
        long events = storedEvents();
        api.placeOrder(a, sku.skuId(), 1).expectProblem(409, "BUYER_ERASED");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void a_receiver_stored_in_clear_before_sealing_reads_and_is_scrubbed_on_erasure() {
        Api.Sku sku = api.createProduct(seller, "旧杯", "10.00", 5).get(0);
        String cId = uniqueId("buyer");
        String c = token(cId, "buyer");
        Person pc = Person.random();
        String orderId = place(c, sku.skuId(), pc);
        // As a service before sealing stored it: OrderPlaced revision 3, the receiver in clear.
        String sealed = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type = ?", byte[].class, orderId,
                OrderEvent.OrderPlaced.class.getName()), StandardCharsets.UTF_8);
        String clear = sealed.replaceAll("\"name\":\"pd1:[^\"]*\"", "\"name\":\"" + pc.name() + "\"")
                .replaceAll("\"phone\":\"pd1:[^\"]*\"", "\"phone\":\"" + pc.phone() + "\"")
                .replaceAll("\"address\":\"pd1:[^\"]*\"", "\"address\":\"" + pc.address() + "\"");
        jdbc.update("UPDATE domain_event_entry SET payload = ?, payload_revision = '3' WHERE aggregate_identifier = ?"
                        + " AND payload_type = ?", clear.getBytes(StandardCharsets.UTF_8), orderId,
                OrderEvent.OrderPlaced.class.getName());
        assertThat(storedEvents(orderId)).contains(pc.name());
        JsonNode asPlaced = api.get("/api/v1/orders/" + orderId + "?at_version=0", c).expect(200).body();
        assertThat(asPlaced.path("receiver").path("name").asString()).isEqualTo(pc.name());
        assertThat(asPlaced.path("receiver").path("phone").asString()).isEqualTo(pc.phone());

        JsonNode erasure = api.post("/api/v1/admin/buyers/" + cId + "/erase", admin, null).expect(200).body();
        assertThat(erasure.path("events_scrubbed").asInt()).isEqualTo(1);
        assertThat(storedEvents(orderId)).doesNotContain(pc.name(), pc.phone(), pc.address())
                .contains("\"name\":\"[erased]\"").contains("10.00");
        JsonNode past = api.get("/api/v1/orders/" + orderId + "?at_version=0", admin).expect(200).body();
        assertThat(past.path("receiver").path("name").asString()).isEqualTo(ERASED);
        assertThat(past.path("pay_amount").asString()).isEqualTo("10.00");
        assertThat(api.post("/api/v1/admin/buyers/" + cId + "/erase", admin, null).expect(200).body()
                .path("events_scrubbed").asInt()).as("nothing left in clear").isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.ordersvc.query.order.ReceiverSealing sealing;
    @org.springframework.beans.factory.annotation.Autowired
    io.ordersvc.platform.privacy.PersonalDataVault vault;

    @Test
    void order_rows_written_in_clear_before_sealing_are_sealed_and_found_again() {
        Api.Sku sku = api.createProduct(seller, "旧行", "12.00", 5).get(0);
        String d = token(uniqueId("buyer"), "buyer");
        Person pd = Person.random();
        String orderId = place(d, sku.skuId(), pd);
        // As the read model held it before V24: the receiver in clear, no search tokens.
        jdbc.update("UPDATE order_view SET receiver_name = ?, receiver_phone = ?, receiver_address = ?"
                + " WHERE order_id = ?", pd.name(), pd.phone(), pd.address(), orderId);
        jdbc.update("DELETE FROM order_receiver_token WHERE order_id = ?", orderId);
        assertThat(api.get("/api/v1/orders/" + orderId, d).expect(200).body().path("receiver").path("name")
                .asString()).as("read as it is meanwhile").isEqualTo(pd.name());

        assertThat(sealing.sealAll()).isGreaterThanOrEqualTo(0);
        Map<String, Object> row = jdbc.queryForMap("SELECT receiver_name, receiver_phone, receiver_address"
                + " FROM order_view WHERE order_id = ?", orderId);
        assertThat(row.values()).allSatisfy(v -> assertThat(v.toString()).startsWith("pd1:"));
        assertThat(search("receiver_name", pd.name())).containsExactly(orderId);
        assertThat(search("receiver_phone", pd.phone().substring(3))).containsExactly(orderId);
        assertThat(api.get("/api/v1/orders/" + orderId, d).expect(200).body().path("receiver").path("address")
                .asString()).isEqualTo(pd.address());
        assertThat(sealing.sealAll()).as("nothing left in clear").isZero();
    }
}
