package io.ordersvc.command.order;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEventUpcasters;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.order.ShipmentLine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order events exactly as the service stored them before their due dates were facts (payload revision null), read
 * through the upcasters: each arrives as revision 2, the due dates those periods gave at the time.
 */
class OrderEventRevisionsTest {

    static final Duration AUTO_CONFIRM = Duration.ofDays(7);
    static final Duration REVIEW = Duration.ofDays(20);
    static final Duration AFTER_SALES = Duration.ofDays(30);

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(
            OrderEventUpcasters.all(AUTO_CONFIRM, REVIEW, AFTER_SALES));

    private Object read(Class<?> type, String storedJson) {
        return read(type, null, storedJson);
    }

    private Object read(Class<?> type, String revision, String storedJson) {
        return read(serializer, type, revision, storedJson);
    }

    private Object read(org.axonframework.serialization.Serializer serializer, Class<?> type, String revision,
                        String storedJson) {
        var entry = new GenericDomainEventEntry<>("Order", "o-1", 3, "event-1", "2026-11-22T08:00:00Z",
                type.getName(), revision, storedJson.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils
                .upcastAndDeserializeDomainEvents(Stream.of(entry), serializer, upcasters).asStream().toList();
        assertThat(messages).hasSize(1);
        return messages.get(0).getPayload();
    }

    @Test
    void a_stored_full_shipment_reads_with_its_auto_confirm_date() {
        Object event = read(OrderShipped.class, """
                {"orderId":"o-1","shipmentId":"s-1","carrierCode":"SF","carrierName":"顺丰","trackingNo":"SF1",\
                "lines":[{"orderLineId":"l-1","quantity":2}],"fullyShipped":true,"shippedAt":"2026-11-22T08:00:00Z"}""");
        assertThat(event).isEqualTo(new OrderShipped("o-1", "s-1", "SF", "顺丰", "SF1",
                List.of(new ShipmentLine("l-1", 2)), true, Instant.parse("2026-11-22T08:00:00Z"),
                Instant.parse("2026-11-29T08:00:00Z")));
    }

    @Test
    void a_stored_partial_shipment_reads_without_one() {
        Object event = read(OrderShipped.class, """
                {"orderId":"o-1","shipmentId":"s-1","carrierCode":"SF","carrierName":"顺丰","trackingNo":"SF1",\
                "lines":[{"orderLineId":"l-1","quantity":1}],"fullyShipped":false,"shippedAt":"2026-11-22T08:00:00Z"}""");
        assertThat(((OrderShipped) event).autoConfirmAt()).isNull();
    }

    @Test
    void a_stored_completion_reads_with_the_ends_of_its_windows() {
        Object event = read(OrderReceiptConfirmed.class, """
                {"orderId":"o-1","confirmedAt":"2026-11-22T08:00:00Z","automatic":true}""");
        assertThat(event).isEqualTo(new OrderReceiptConfirmed("o-1", Instant.parse("2026-11-22T08:00:00Z"), true,
                Instant.parse("2026-12-12T08:00:00Z"), Instant.parse("2026-12-22T08:00:00Z")));
    }

    @Test
    void stored_refund_endings_read_with_no_resumed_date() {
        assertThat(read(RefundEnded.class, """
                {"orderId":"o-1","refundId":"r-1","orderLineId":"l-1","outcome":"refused",\
                "endedAt":"2026-11-22T08:00:00Z"}""")).isEqualTo(new RefundEnded("o-1", "r-1", "l-1",
                RefundOutcome.REFUSED, Instant.parse("2026-11-22T08:00:00Z"), null));
        assertThat(read(LineRefunded.class, """
                {"orderId":"o-1","refundId":"r-1","orderLineId":"l-1","amount":"5.00","lineRefundedTotal":"5.00",\
                "lineFullyRefunded":false,"releasedQuantity":0,"statusAfter":"shipped",\
                "refundedAt":"2026-11-22T08:00:00Z"}""")).isEqualTo(new LineRefunded("o-1", "r-1", "l-1",
                Money.of("5.00"), Money.of("5.00"), false, null, 0, OrderStatus.SHIPPED,
                Instant.parse("2026-11-22T08:00:00Z"), null));
    }

    @Test
    void a_stored_refund_payout_of_revision_2_went_back_all_through_the_channel() {
        LineRefunded read = (LineRefunded) read(LineRefunded.class, "2", """
                {"orderId":"o-1","refundId":"r-1","orderLineId":"l-1","amount":"5.00","lineRefundedTotal":"5.00",\
                "lineFullyRefunded":false,"returnedQuantity":1,"releasedQuantity":1,"statusAfter":"shipped",\
                "refundedAt":"2026-11-22T08:00:00Z","autoConfirmAt":null}""");
        assertThat(read.back()).isEqualTo(io.ordersvc.shared.order.PaymentMix.Share.channel(Money.of("5.00")));
        assertThat(read.returnedQuantity()).isEqualTo(1);
    }

    @Test
    void events_of_revision_2_pass_unchanged() {
        var entry = new GenericDomainEventEntry<>("Order", "o-1", 3, "event-1", "2026-11-22T08:00:00Z",
                OrderReceiptConfirmed.class.getName(), "2", ("{\"orderId\":\"o-1\",\"confirmedAt\":"
                + "\"2026-11-22T08:00:00Z\",\"automatic\":false,\"reviewUntil\":\"2026-11-23T08:00:00Z\","
                + "\"afterSalesUntil\":\"2026-11-24T08:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        Object event = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer, upcasters)
                .asStream().findFirst().orElseThrow().getPayload();
        assertThat(((OrderReceiptConfirmed) event).reviewUntil()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void a_stored_order_reads_with_its_amounts_as_the_price_and_each_line_paid_at_its_total() {
        Object event = read(io.ordersvc.shared.order.OrderEvent.OrderPlaced.class, """
                {"orderId":"o-1","orderNo":"2026112200000000001","buyerId":"b-1","shopId":"shop-1",                "orderType":"physical","lines":[{"lineId":"l-1","productId":"p-1","skuId":"s-1","skuCode":"T",                "productName":"T恤","imageUrl":null,"properties":{"颜色":"红色"},"unitPrice":"22.00",                "pointsPrice":null,"quantity":2,"lineTotal":"44.00"}],"receiver":{"name":"张三",                "phone":"13800138000","province":"广东省","city":"深圳市","district":"南山区","address":"科技园路1号",                "zipcode":null},"buyerRemark":null,"goodsAmount":"44.00","shippingFee":"0.00",                "discountAmount":"0.00","payAmount":"44.00","pointsAmount":0,"pointsEarned":44,                "createdAt":"2026-11-22T08:00:00Z","payableUntil":"2026-11-23T08:00:00Z"}""");
        var placed = (io.ordersvc.shared.order.OrderEvent.OrderPlaced) event;
        assertThat(placed.price()).isEqualTo(io.ordersvc.shared.checkout.PriceBreakdown.legacy(Money.of("44.00"),
                Money.ZERO, Money.ZERO, Money.of("44.00"), 0, 44));
        assertThat(placed.payAmount()).isEqualTo(Money.of("44.00"));
        assertThat(placed.payNo()).isNull();
        assertThat(placed.invoice()).isNull();
        assertThat(placed.receiver().regionCode()).isNull();
        var line = placed.lines().get(0);
        assertThat(line.lineType()).isEqualTo(io.ordersvc.shared.checkout.LineType.NORMAL);
        assertThat(line.paidAmount()).isEqualTo(Money.of("44.00"));
        assertThat(line.discountShare()).isEqualTo(Money.ZERO);
        assertThat(line.memberPrice()).isEqualTo(Money.of("22.00"));
    }

    @Test
    void a_stored_order_of_revision_2_reads_with_nothing_adjusted_by_the_seller() {
        Object event = read(io.ordersvc.shared.order.OrderEvent.OrderPlaced.class, "2", """
                {"orderId":"o-1","orderNo":"2026112200000000001","payNo":"p-1","buyerId":"b-1","shopId":"shop-1",\
                "orderType":"physical","lines":[],"receiver":null,"buyerRemark":null,"invoice":null,\
                "price":{"goodsAmount":"44.00","memberDiscount":"0.00","promotionDiscount":"4.00",\
                "couponDiscount":"0.00","shippingFee":"8.00","shippingDiscount":"0.00","invoiceFee":"0.00",\
                "totalAmount":"48.00","pointsUsed":0,"pointsAmount":"0.00","balanceAmount":"0.00",\
                "giftCardAmount":"0.00","payAmount":"48.00","pointsEarned":48},\
                "createdAt":"2026-11-22T08:00:00Z","payableUntil":"2026-11-23T08:00:00Z"}""");
        var price = ((io.ordersvc.shared.order.OrderEvent.OrderPlaced) event).price();
        assertThat(price.sellerAdjustment()).isEqualTo(Money.ZERO);
        assertThat(price.promotionDiscount()).isEqualTo(Money.of("4.00"));
        assertThat(price.payAmount()).isEqualTo(Money.of("48.00"));
    }

    @Test
    void a_stored_order_of_revision_3_reads_its_receiver_as_written_in_clear() {
        String stored = """
                {"orderId":"o-1","orderNo":"2026112200000000001","payNo":"p-1","buyerId":"b-1","shopId":"shop-1",\
                "orderType":"physical","lines":[],"receiver":{"name":"张三","phone":"13800138000","province":"广东省",\
                "city":"深圳市","district":"南山区","address":"科技园路1号","zipcode":null,"regionCode":"440305"},\
                "buyerRemark":null,"invoice":null,"price":{"goodsAmount":"44.00","memberDiscount":"0.00",\
                "promotionDiscount":"0.00","couponDiscount":"0.00","sellerAdjustment":"0.00","shippingFee":"0.00",\
                "shippingDiscount":"0.00","invoiceFee":"0.00","totalAmount":"44.00","pointsUsed":0,\
                "pointsAmount":"0.00","balanceAmount":"0.00","giftCardAmount":"0.00","payAmount":"44.00",\
                "pointsEarned":44},"createdAt":"2026-11-22T08:00:00Z","payableUntil":"2026-11-23T08:00:00Z"}""";
        // The upcaster marks the values as written in clear (revision 4 values are otherwise sealed) ...
        var marked = ((io.ordersvc.shared.order.OrderEvent.OrderPlaced) read(
                io.ordersvc.shared.order.OrderEvent.OrderPlaced.class, "3", stored)).receiver();
        assertThat(marked.name()).isEqualTo("pd0:张三");
        assertThat(marked.phone()).isEqualTo("pd0:13800138000");
        assertThat(marked.address()).isEqualTo("pd0:科技园路1号");
        assertThat(marked.province()).as("the region is not personal").isEqualTo("广东省");
        // ... and the service's serializer reads them as they were.
        var receiver = ((io.ordersvc.shared.order.OrderEvent.OrderPlaced) read(sealing(),
                io.ordersvc.shared.order.OrderEvent.OrderPlaced.class, "3", stored)).receiver();
        assertThat(receiver).isEqualTo(new io.ordersvc.shared.order.Receiver("张三", "13800138000", "广东省", "深圳市",
                "南山区", "科技园路1号", null, "440305"));
    }

    @Test
    void a_stored_receiver_change_of_revision_1_reads_without_a_buyer_and_in_clear() {
        String stored = """
                {"orderId":"o-1","receiver":{"name":"李四","phone":"13900001111","province":"上海市","city":"上海市",\
                "district":"徐汇区","address":"漕溪北路1号","zipcode":null,"regionCode":"310104"},"price":null,\
                "changedBy":"b-1","at":"2026-11-22T08:00:00Z"}""";
        var changed = (io.ordersvc.shared.order.OrderEvent.ReceiverChanged) read(sealing(),
                io.ordersvc.shared.order.OrderEvent.ReceiverChanged.class, null, stored);
        assertThat(changed.buyerId()).isNull();
        assertThat(changed.receiver().name()).isEqualTo("李四");
        assertThat(changed.receiver().address()).isEqualTo("漕溪北路1号");
        assertThat(changed.changedBy()).isEqualTo("b-1");
    }

    private org.axonframework.serialization.Serializer sealing() {
        return new io.ordersvc.platform.privacy.PersonalDataSerializer(serializer,
                io.ordersvc.platform.privacy.PersonalDataVault::inMemory);
    }
}
