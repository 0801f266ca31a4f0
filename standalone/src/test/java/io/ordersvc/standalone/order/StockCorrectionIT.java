package io.ordersvc.standalone.order;

import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.IntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before the refund stock fix: a second return released a line's units again. The admin's stock
 * correction finds the line, takes the units back with the order's books, and finds nothing the second time.
 */
class StockCorrectionIT extends IntegrationTest {

    @Autowired
    EventStore events;
    @Autowired
    TransactionTemplate tx;

    @Test
    void units_a_second_return_released_again_are_found_and_taken_back_once() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyerId = uniqueId("buyer");
        String buyer = token(buyerId, "buyer");
        String admin = token("admin-1", "admin");
        Api.Sku sku = api.createProduct(seller, "Jacket", "10.00", 5).get(0);
        String orderId = api.placeOrder(buyer, sku.skuId(), 2).expect(201).text("order_id");
        api.pay(orderId, "20.00", "tx-" + orderId).expect(200);
        api.ship(orderId, seller).expect(201);
        String lineId = api.order(orderId, buyer, 2).path("lines").get(0).path("order_line_id").asString();
        String refundId = api.post("/api/v1/orders/" + orderId + "/refunds", buyer, Map.of("order_line_id", lineId,
                "type", "return_and_refund", "goods_received", true, "reason", "quality_issue", "amount", "5.00"))
                .expect(201).text("refund_id");
        api.post("/api/v1/refunds/" + refundId + "/approve", seller, Map.of("return_address", "上海")).expect(200);
        api.post("/api/v1/refunds/" + refundId + "/return-shipment", buyer, Map.of("carrier_code", "SF",
                "carrier_name", "顺丰", "tracking_no", "SFR1")).expect(200);
        api.post("/api/v1/refunds/" + refundId + "/confirm-return", seller, null).expect(200);
        assertThat(stock(sku, buyer, 2)).as("the first return gave the 2 units back").isEqualTo(5);

        // What the code of before stored for a second return on the line: the same 2 units released again.
        String legacy = UUID.randomUUID().toString();
        Instant at = Instant.now();
        long order = lastSequence(orderId);
        long product = lastSequence(sku.productId());
        tx.executeWithoutResult(s -> {
            var unitOfWork = DefaultUnitOfWork.startAndGet(null);
            events.publish(new GenericDomainEventMessage<>("Refund", legacy, 0, new RefundApplied(legacy, orderId,
                    "00000000000000000000", lineId, "Jacket", buyerId, "shop", RefundType.RETURN_AND_REFUND, true,
                    RefundReason.QUALITY_ISSUE, Money.of("5.00"), null, List.of(), at)),
                    new GenericDomainEventMessage<>("Order", orderId, order + 1, new RefundOpened(orderId, legacy,
                            lineId, Money.of("5.00"))),
                    new GenericDomainEventMessage<>("Order", orderId, order + 2, new LineRefunded(orderId, legacy,
                            lineId, Money.of("5.00"), Money.of("10.00"), false, null, 2, OrderStatus.SHIPPED, at,
                            null)),
                    new GenericDomainEventMessage<>("Product", sku.productId(), product + 1, new StockReleased(
                            sku.productId(), orderId, List.of(new StockChange(sku.skuId(), 2, 7)), "returned")));
            unitOfWork.commit();
        });
        assertThat(stock(sku, buyer, product + 1)).isEqualTo(7);

        api.post("/api/v1/admin/stock-corrections", buyer, Map.of()).expectProblem(403, "FORBIDDEN");
        JsonNode report = api.post("/api/v1/admin/stock-corrections", admin, Map.of()).expect(200).body();
        assertThat(report.path("applied").asBoolean()).isFalse();
        JsonNode found = find(report.path("found"), orderId);
        assertThat(found.path("delta").asInt()).isEqualTo(-2);
        assertThat(found.path("order_line_id").asString()).isEqualTo(lineId);
        assertThat(stock(sku, buyer, product + 1)).as("a report changes nothing").isEqualTo(7);

        JsonNode applied = api.post("/api/v1/admin/stock-corrections", admin, Map.of("apply", true)).expect(200)
                .body();
        assertThat(applied.path("applied").asBoolean()).isTrue();
        assertThat(find(applied.path("remaining"), orderId)).isNull();
        assertThat(stock(sku, buyer, product + 2)).isEqualTo(5);
        assertThat(api.order(orderId, buyer, order + 3).path("log").get((int) order + 3).path("action").asString())
                .isEqualTo("stock_corrected");
        assertThat(find(api.post("/api/v1/admin/stock-corrections", admin, Map.of()).expect(200).body()
                .path("found"), orderId)).as("nothing left the second time").isNull();
    }

    private long stock(Api.Sku sku, String token, long version) {
        return api.product(sku.productId(), token, version).path("skus").get(0).path("stock").asLong();
    }

    private long lastSequence(String aggregateId) {
        return jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private static JsonNode find(JsonNode corrections, String orderId) {
        for (JsonNode c : corrections) {
            if (orderId.equals(c.path("order_id").asString())) {
                return c;
            }
        }
        return null;
    }
}
