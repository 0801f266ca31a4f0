package io.ordersvc.standalone.member;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.command.support.AggregateCaches;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberCommand.RecordSpending;
import io.ordersvc.shared.member.MemberEvent.MemberSpent;
import io.ordersvc.shared.money.Money;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Member levels over HTTP: set by an admin, reached by spending on completed orders, priced at checkout. */
class MemberIT extends IntegrationTest {

    static final String ADMIN = token("admin-1", "admin");

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;
    @Autowired
    @Qualifier(AggregateCaches.MEMBERS)
    Cache memberCache;

    /** The levels are the platform's: put back levels that change no price, for the tests that follow. */
    @AfterEach
    void neutralLevels() {
        api.send("PUT", "/api/v1/member-levels", ADMIN, List.of(Map.of("level", 0, "name", "普通会员",
                "min_spent", "0.00", "discount_rate", 1.00)), Map.of()).expect(200);
    }

    @Test
    void spending_on_completed_orders_promotes_a_buyer_and_checkout_prices_at_the_member_rate() {
        var set = api.send("PUT", "/api/v1/member-levels", ADMIN, List.of(
                Map.of("level", 0, "name", "普通会员", "min_spent", "0.00", "discount_rate", 1.00),
                Map.of("level", 1, "name", "白银会员", "min_spent", "50.00", "discount_rate", 0.90)), Map.of())
                .expect(200);
        assertThat(set.body().path("levels").get(1).path("name").asString()).isEqualTo("白银会员");
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        Api.Sku sku = api.createProduct(seller, "会员价", "60.00", 10).get(0);

        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> { // the read model follows the PUT
            JsonNode before = api.get("/api/v1/members/me", buyer).expect(200).body();
            assertThat(before.path("level").asInt()).isZero();
            assertThat(before.path("next_level_at").asString()).isEqualTo("50.00");
        });
        String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
        api.pay(orderId, "60.00", "tx-" + orderId).expect(200);
        api.ship(orderId, seller).expect(201);
        api.post("/api/v1/orders/" + orderId + "/receipt", buyer, null).expect(200);
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode me = api.get("/api/v1/members/me", buyer).expect(200).body();
            assertThat(me.path("level").asInt()).isEqualTo(1);
            assertThat(me.path("spent").asString()).isEqualTo("60.00");
            assertThat(me.path("name").asString()).isEqualTo("白银会员");
            assertThat(me.path("next_level_at").isNull()).isTrue();
        });
        JsonNode second = api.post("/api/v1/orders", buyer, Api.orderBody(sku.skuId(), 2)).expect(201).body();
        assertThat(second.path("price").path("member_discount").asString()).isEqualTo("12.00");
        assertThat(second.path("pay_amount").asString()).isEqualTo("108.00");
        JsonNode line = api.order(second.path("order_id").asString(), buyer, 0).path("lines").get(0);
        assertThat(line.path("member_price").asString()).isEqualTo("54.00");
        assertThat(api.get("/api/v1/member-levels", buyer).expect(200).body().path("levels")).hasSize(2);
    }

    @Test
    void an_admin_sets_a_floor_and_only_an_admin_sets_levels() {
        api.send("PUT", "/api/v1/member-levels", ADMIN, List.of(
                Map.of("level", 1, "name", "白银会员", "min_spent", "100000.00", "discount_rate", 0.95)), Map.of())
                .expect(200);
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        api.send("PUT", "/api/v1/members/" + buyerId + "/level", ADMIN, Map.of("level", 1), Map.of()).expect(200);
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/members/me", buyer).expect(200).body().path("level").asInt())
                        .isEqualTo(1));
        api.send("PUT", "/api/v1/member-levels", buyer, List.of(Map.of("level", 1, "name", "x", "min_spent", "1.00",
                "discount_rate", 0.5)), Map.of()).expect(403);
        api.send("PUT", "/api/v1/members/" + buyerId + "/level", buyer, Map.of("level", 3), Map.of()).expect(403);
        api.send("PUT", "/api/v1/member-levels", ADMIN, List.of(
                Map.of("level", 1, "name", "a", "min_spent", "100.00", "discount_rate", 0.90),
                Map.of("level", 2, "name", "b", "min_spent", "50.00", "discount_rate", 0.95)), Map.of())
                .expectProblem(422, "INVALID_MEMBER_LEVELS");
        api.send("PUT", "/api/v1/member-levels", ADMIN, List.of(Map.of("level", 1, "name", "a", "min_spent", "1.00",
                "discount_rate", 1.5)), Map.of()).expectProblem(400, "VALIDATION_FAILED");
    }

    /**
     * Every completed order adds an event to its buyer's member: past the snapshot threshold the member is snapshotted,
     * and one loaded from that snapshot (the cache emptied) still counts everything it was told before.
     */
    @Test
    void a_member_with_a_long_history_is_snapshotted_and_restored_from_its_snapshot() {
        String buyerId = uniqueId("buyer");
        String memberId = MemberCommand.memberId(buyerId);
        Actor system = Actor.system("member-spending");
        for (int i = 0; i < 101; i++) {
            commands.sendAndWait(new RecordSpending(memberId, buyerId, "order-" + i, Money.of("1.50"), system));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, memberId)).isEqualTo(1);
        memberCache.removeAll();
        commands.sendAndWait(new RecordSpending(memberId, buyerId, "order-0", Money.of("2.00"), system));
        MemberSpent last = (MemberSpent) events.readEvents(memberId).asStream().reduce((a, b) -> b).orElseThrow()
                .getPayload();
        assertThat(last.spentAfter()).isEqualTo(Money.of("152.00")); // 100 × 1.50 + 2.00
        assertThat(last.counted()).isEqualTo(Money.of("2.00"));
    }
}
