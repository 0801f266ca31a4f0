package io.ordersvc.standalone.groupbuy;

import io.ordersvc.command.payment.PaymentSettings;
import io.ordersvc.standalone.payment.ChannelPlay;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.MovableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group buying over HTTP: a campaign, a group opened and joined by ordinary orders, paid through the simulator
 * channel, shippable only once complete; a group past its deadline refunds its paid leader through the channel and
 * cancels its unpaid member; ten buyers racing for the last two seats.
 */
class GroupBuyIT extends IntegrationTest {

    final String shop = uniqueId("shop");
    final String seller = token(uniqueId("seller"), "seller", shop);

    @Autowired
    MovableClock clock;

    record Campaign(String groupBuyId, String skuId, String productId) {
    }

    Campaign campaign(int size, String duration, boolean autoFill, long stock) {
        Api.Sku sku = api.createProduct(seller, "拼团水果", "99.00", stock).get(0);
        Instant now = clock.instant();
        String id = api.post("/api/v1/group-buys", seller, Map.of("sku_id", sku.skuId(), "group_price", "59.90",
                "group_size", size, "duration", duration, "per_buyer_limit", 2, "starts_at", now.minusSeconds(60)
                        .toString(), "ends_at", now.plus(Duration.ofDays(7)).toString(), "auto_fill", autoFill))
                .expect(201).text("group_buy_id");
        return new Campaign(id, sku.skuId(), sku.productId());
    }

    static Map<String, Object> groupOrder(String skuId, String key, String value) {
        Map<String, Object> body = new LinkedHashMap<>(Api.orderBody(skuId, 1));
        body.put("group", Map.of(key, value));
        return body;
    }

    Api.Response open(String buyer, Campaign c) {
        return api.post("/api/v1/orders", buyer, groupOrder(c.skuId(), "group_buy_id", c.groupBuyId()));
    }

    Api.Response join(String buyer, Campaign c, String groupId) {
        return api.post("/api/v1/orders", buyer, groupOrder(c.skuId(), "group_id", groupId));
    }

    /** Pays an order's pay number through the simulator channel, signed as API.md says. */
    void pay(String buyer, JsonNode placed) {
        String payNo = placed.path("pay_no").asString();
        api.post("/api/v1/payments/" + payNo + "/requests", buyer, Map.of("channel", "simulator")).expect(200);
        String form = ChannelPlay.form(ChannelPlay.simulator(payNo, "sim-" + payNo,
                placed.path("pay_amount").asString(), Instant.now().getEpochSecond(),
                PaymentSettings.SIMULATOR_DEV_SECRET));
        api.send("POST", "/api/v1/payment-notifications/simulator", null, form,
                Map.of("Content-Type", "application/x-www-form-urlencoded")).expect(200);
    }

    JsonNode groupWhen(String groupId, String viewer, Predicate<JsonNode> until) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> until.test(api.get("/api/v1/groups/" + groupId, viewer).expect(200).body()));
        return api.get("/api/v1/groups/" + groupId, viewer).expect(200).body();
    }

    JsonNode orderWhen(String orderId, String viewer, Predicate<JsonNode> until) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> until.test(api.get("/api/v1/orders/" + orderId, viewer).expect(200).body()));
        return api.get("/api/v1/orders/" + orderId, viewer).expect(200).body();
    }

    @Test
    void a_group_forms_when_its_last_seat_is_paid_and_only_then_its_orders_ship() {
        Campaign c = campaign(2, "PT24H", false, 10);
        String leader = token(uniqueId("buyer"), "buyer");
        String member = token(uniqueId("buyer"), "buyer");
        JsonNode opened = open(leader, c).expect(201).body();
        String groupId = opened.path("group").path("group_id").asString();
        assertThat(opened.path("group").path("status").asString()).isEqualTo("forming");
        assertThat(opened.path("pay_amount").asString()).isEqualTo("59.90");
        assertThat(opened.path("shipping_fee").asString()).isEqualTo("0.00");
        join(member, c, groupId).expectProblem(409, "GROUP_NOT_OPEN");

        pay(leader, opened);
        JsonNode forming = groupWhen(groupId, member, g -> g.path("members").size() == 1);
        assertThat(forming.path("status").asString()).isEqualTo("forming");
        assertThat(forming.path("seats_left").asInt()).isEqualTo(1);
        assertThat(forming.path("members").get(0).path("name").asString()).isEqualTo("张*");
        assertThat(forming.path("members").get(0).path("role").asString()).isEqualTo("leader");
        String leaderOrder = opened.path("order_id").asString();
        orderWhen(leaderOrder, seller, o -> "to_ship".equals(o.path("status").asString()));
        api.ship(leaderOrder, seller).expectProblem(409, "GROUP_FORMING");
        assertThat(api.get("/api/v1/group-buys/" + c.groupBuyId() + "/groups", member).expect(200).body()
                .path("items").findValuesAsString("group_id")).containsExactly(groupId);

        JsonNode joined = join(member, c, groupId).expect(201).body();
        join(token(uniqueId("buyer"), "buyer"), c, groupId).expectProblem(409, "GROUP_FULL");
        pay(member, joined);

        JsonNode complete = groupWhen(groupId, leader, g -> "succeeded".equals(g.path("status").asString()));
        assertThat(complete.path("members").size()).isEqualTo(2);
        assertThat(complete.path("seats_left").asInt()).isZero();
        JsonNode shippable = orderWhen(leaderOrder, seller,
                o -> "succeeded".equals(o.path("group").path("status").asString()));
        assertThat(shippable.path("actions").path("can_ship").asBoolean()).isTrue();
        api.ship(leaderOrder, seller).expect(201);
        assertThat(api.get("/api/v1/group-buys/" + c.groupBuyId(), seller).expect(200).body()
                .path("groups_succeeded").asInt()).isEqualTo(1);
    }

    @Test
    void a_group_past_its_deadline_refunds_its_paid_leader_through_the_channel_and_cancels_the_unpaid_member() {
        Campaign c = campaign(3, "PT1H", false, 10);
        String leader = token(uniqueId("buyer"), "buyer");
        String member = token(uniqueId("buyer"), "buyer");
        JsonNode opened = open(leader, c).expect(201).body();
        String groupId = opened.path("group").path("group_id").asString();
        pay(leader, opened);
        groupWhen(groupId, member, g -> g.path("members").size() == 1);
        JsonNode joined = join(member, c, groupId).expect(201).body();
        try {
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            JsonNode failed = groupWhen(groupId, leader, g -> "failed".equals(g.path("status").asString()));
            assertThat(failed.path("fail_reason").asString()).isEqualTo("deadline");
            JsonNode refunded = orderWhen(opened.path("order_id").asString(), leader,
                    o -> "closed".equals(o.path("status").asString()));
            assertThat(refunded.path("group").path("status").asString()).isEqualTo("failed");
            String refundId = refunded.path("refunds").get(0).path("refund_id").asString();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(api.get(
                    "/api/v1/refunds/" + refundId, leader).expect(200).body().path("payout").path("status")
                    .asString()));
            JsonNode refund = api.get("/api/v1/refunds/" + refundId, leader).expect(200).body();
            assertThat(refund.path("status").asString()).isEqualTo("refunded");
            assertThat(refund.path("amount").asString()).isEqualTo("59.90");
            assertThat(refund.path("reason").asString()).isEqualTo("group_failed");
            assertThat(refund.path("payout").path("channel").asString()).isEqualTo("simulator");

            JsonNode cancelled = orderWhen(joined.path("order_id").asString(), member,
                    o -> "cancelled".equals(o.path("status").asString()));
            // its payment window ends at the group's deadline: whichever fires first cancels it
            assertThat(cancelled.path("cancel_reason").asString()).isIn("group_failed", "payment_timeout");
            assertThat(cancelled.path("group").path("status").asString()).isEqualTo("failed");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/products/"
                    + c.productId(), seller).expect(200).body().path("skus").get(0).path("stock").asLong() == 10);
        } finally {
            clock.reset();
        }
    }

    @Test
    void ten_buyers_racing_for_the_last_two_seats_make_two_members_and_eight_refusals_before_paying() throws Exception {
        Campaign c = campaign(3, "PT24H", false, 50);
        String leader = token(uniqueId("buyer"), "buyer");
        JsonNode opened = open(leader, c).expect(201).body();
        String groupId = opened.path("group").path("group_id").asString();
        pay(leader, opened);
        groupWhen(groupId, leader, g -> g.path("members").size() == 1);

        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buyers.add(token(uniqueId("buyer"), "buyer"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (String buyer : buyers) {
            answers.add(pool.submit((Callable<Api.Response>) () -> join(buyer, c, groupId)));
        }
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();
        List<Integer> joinedAt = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i).status() == 201) {
                joinedAt.add(i);
            } else {
                responses.get(i).expectProblem(409, "GROUP_FULL");
            }
        }
        assertThat(joinedAt).hasSize(2);
        for (int i : joinedAt) {
            pay(buyers.get(i), responses.get(i).body());
        }
        JsonNode complete = groupWhen(groupId, leader, g -> "succeeded".equals(g.path("status").asString()));
        assertThat(complete.path("members").size()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%SeatPaid'", Long.class, groupId)).isEqualTo(3);
    }
}
