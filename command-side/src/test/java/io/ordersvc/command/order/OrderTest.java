package io.ordersvc.command.order;

import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.IssueInvoice;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.ConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.AutoConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.AdjustPrice;
import io.ordersvc.shared.order.OrderCommand.ChangeReceiver;
import io.ordersvc.shared.order.OrderEvent.ReceiverChanged;
import io.ordersvc.shared.order.OrderCommand.ExtendReceipt;
import io.ordersvc.shared.order.OrderEvent.PriceAdjusted;
import io.ordersvc.shared.order.OrderCommand.MarkPrinted;
import io.ordersvc.shared.order.OrderCommand.SetSellerRemark;
import io.ordersvc.shared.order.OrderEvent.ReceiptExtended;
import io.ordersvc.shared.order.OrderEvent.SellerRemarkSet;
import io.ordersvc.shared.order.OrderEvent.WaybillPrintMarked;
import io.ordersvc.shared.order.SellerFlag;
import io.ordersvc.shared.order.OrderCommand.CloseAfterSalesWindow;
import io.ordersvc.shared.order.OrderCommand.CloseReviewWindow;
import io.ordersvc.shared.order.OrderCommand.DeleteOrder;
import io.ordersvc.shared.order.OrderCommand.ExpireOrder;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.ReviewOrder;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.order.OrderEvent.InvoiceIssued;
import io.ordersvc.shared.order.OrderEvent.AfterSalesWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LatePaymentReceived;
import io.ordersvc.shared.order.OrderEvent.ReviewWindowClosed;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import io.ordersvc.shared.order.OrderEvent.OrderDeletedByBuyer;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderReviewed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTest {

    static final Instant PLACED_AT = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant NOW = PLACED_AT.plus(Duration.ofHours(1));
    static final String ORDER = "order-1";
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Actor OTHER_BUYER = new Actor("buyer-2", Role.BUYER, null);
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor ADMIN = new Actor("admin-1", Role.ADMIN, null);
    static final Actor GATEWAY = Actor.system("pay-gw");

    private AggregateTestFixture<Order> fixture;
    private final MovableClock clock = new MovableClock();

    /** A clock the test can move; the fixture takes its resources once, before handlers are registered. */
    static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Cancellation also moves stock, so production drives it from OrderPlacement; here only the order part. */
    record CancelOnly(CancelOrder command) {
    }

    static final class CancelOnlyHandler {
        private final Repository<Order> orders;

        CancelOnlyHandler(Repository<Order> orders) {
            this.orders = orders;
        }

        @CommandHandler
        Map<String, Map<String, Integer>> handle(CancelOnly c) throws Exception {
            return orders.load(c.command().orderId()).invoke(o -> o.cancel(c.command(), NOW));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(OrderSettings.defaults());
        fixture.registerInjectableResource(new TicketCodes(new java.util.Random(7)));
        fixture.registerAnnotatedCommandHandler(new CancelOnlyHandler(fixture.getRepository()));
    }

    static OrderPlaced placed() {
        var lines = List.of(
                new OrderLine("line-1", "product-1", "sku-1", "T-RED", "T恤", null, Map.of("颜色", "红色"),
                        Money.of("22.00"), null, 2, Money.of("44.00")),
                new OrderLine("line-2", "product-2", "sku-2", "MUG", "Mug", null, Map.of(), Money.of("9.90"), null,
                        1, Money.of("9.90")));
        return new OrderPlaced(ORDER, "20261122080000000000", "buyer-1", "shop-1", OrderType.PHYSICAL, lines,
                new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null), null,
                Money.of("53.90"), Money.ZERO, Money.ZERO, Money.of("53.90"), 0, 53, PLACED_AT,
                PLACED_AT.plus(Duration.ofHours(24)));
    }

    static final PayAck.Payment PAYMENT = new PayAck.Payment("tx-1", Money.of("53.90"), "wechat", NOW);

    static OrderPaid paid() {
        return new OrderPaid(ORDER, Money.of("53.90"), "wechat", "tx-1", NOW);
    }

    /** NOW plus the default 10 days: when a shipment made NOW has receipt confirmed for the buyer. */
    static final Instant AUTO_CONFIRM_AT = NOW.plus(Duration.ofDays(10));

    static OrderShipped shippedAll() {
        return new OrderShipped(ORDER, "shipment-1", "SF", "顺丰", "SF1",
                List.of(new ShipmentLine("line-1", 2), new ShipmentLine("line-2", 1)), true, NOW, AUTO_CONFIRM_AT);
    }

    /** Completed at that time, with the default 15-day review and after-sales windows. */
    static OrderReceiptConfirmed completed(Instant at, boolean automatic) {
        return new OrderReceiptConfirmed(ORDER, at, automatic, at.plus(Duration.ofDays(15)),
                at.plus(Duration.ofDays(15)));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static PayOrder pay(String amount, String tx) {
        return new PayOrder(ORDER, GATEWAY, Money.of(amount), PaymentChannel.WECHAT, tx);
    }

    // ---- pay

    @Test
    void pay_moves_a_pending_order_to_to_ship() {
        fixture.given(placed())
                .when(pay("53.90", "tx-1"))
                .expectEvents(paid())
                .expectResultMessagePayload(new PayAck(ORDER, OrderStatus.TO_SHIP, 1, PAYMENT));
    }

    @Test
    void pay_is_refused_when_the_amount_differs_from_pay_amount() {
        fixture.given(placed()).when(pay("53.89", "tx-1"))
                .expectNoEvents().expectException(refusal("AMOUNT_MISMATCH"));
    }

    @Test
    void paying_again_with_the_same_transaction_changes_nothing_and_answers_that_payment_with_the_order_as_it_is_now() {
        fixture.given(placed(), paid(), shippedAll())
                .when(pay("53.90", "tx-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new PayAck(ORDER, OrderStatus.SHIPPED, 2, PAYMENT));
    }

    @Test
    void a_second_different_payment_is_refused() {
        fixture.given(placed(), paid()).when(pay("53.90", "tx-2"))
                .expectNoEvents().expectException(refusal("ORDER_ALREADY_PAID"));
    }

    @Test
    void pay_is_refused_when_the_order_was_cancelled() {
        fixture.given(placed(), new OrderCancelled(ORDER, "changed my mind", NOW)).when(pay("53.90", "tx-1"))
                .expectNoEvents().expectException(refusal("ORDER_NOT_PAYABLE"));
    }

    @Test
    void pay_is_refused_after_the_payment_window() {
        clock.now = PLACED_AT.plus(Duration.ofHours(24)).plusSeconds(1);
        fixture.given(placed()).when(pay("53.90", "tx-1"))
                .expectNoEvents().expectException(refusal("PAYMENT_WINDOW_CLOSED"));
    }

    @Test
    void a_buyer_may_not_pay_their_own_order() {
        fixture.given(placed()).when(new PayOrder(ORDER, BUYER, Money.of("53.90"), PaymentChannel.WECHAT, "tx-1"))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    // ---- ship

    @Test
    void shipping_without_lines_ships_everything_and_the_order_is_shipped() {
        fixture.given(placed(), paid())
                .when(new ShipOrder(ORDER, SELLER, "shipment-1", "SF", "顺丰", "SF1", List.of()))
                .expectEvents(shippedAll())
                .expectResultMessagePayload(new OrderAck(ORDER, OrderStatus.SHIPPED, 2));
    }

    @Test
    void a_partial_shipment_keeps_the_order_to_ship_until_every_line_is_shipped() {
        var first = new OrderShipped(ORDER, "shipment-1", "SF", "顺丰", "SF1",
                List.of(new ShipmentLine("line-1", 1)), false, NOW, null);
        fixture.given(placed(), paid())
                .when(new ShipOrder(ORDER, SELLER, "shipment-1", "SF", "顺丰", "SF1",
                        List.of(new ShipmentLine("line-1", 1))))
                .expectEvents(first)
                .expectResultMessagePayload(new OrderAck(ORDER, OrderStatus.TO_SHIP, 2));
        fixture.given(placed(), paid(), first)
                .when(new ShipOrder(ORDER, SELLER, "shipment-2", "YTO", "圆通", "YT2", List.of()))
                .expectEvents(new OrderShipped(ORDER, "shipment-2", "YTO", "圆通", "YT2",
                        List.of(new ShipmentLine("line-1", 1), new ShipmentLine("line-2", 1)), true, NOW, AUTO_CONFIRM_AT));
    }

    @Test
    void shipping_more_than_is_left_on_a_line_is_refused() {
        fixture.given(placed(), paid())
                .when(new ShipOrder(ORDER, SELLER, "s", "SF", "顺丰", "SF1", List.of(new ShipmentLine("line-2", 2))))
                .expectNoEvents().expectException(refusal("SHIP_QUANTITY_EXCEEDS"));
    }

    @Test
    void shipping_a_line_the_order_does_not_have_is_refused() {
        fixture.given(placed(), paid())
                .when(new ShipOrder(ORDER, SELLER, "s", "SF", "顺丰", "SF1", List.of(new ShipmentLine("line-x", 1))))
                .expectNoEvents().expectException(refusal("UNKNOWN_ORDER_LINE"));
    }

    @Test
    void shipping_is_refused_before_payment() {
        fixture.given(placed())
                .when(new ShipOrder(ORDER, SELLER, "s", "SF", "顺丰", "SF1", List.of()))
                .expectNoEvents().expectException(refusal("ORDER_NOT_SHIPPABLE"));
    }

    @Test
    void another_shops_seller_does_not_see_the_order() {
        fixture.given(placed(), paid())
                .when(new ShipOrder(ORDER, OTHER_SELLER, "s", "SF", "顺丰", "SF1", List.of()))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
    }

    @Test
    void the_buyer_may_not_ship() {
        fixture.given(placed(), paid())
                .when(new ShipOrder(ORDER, BUYER, "s", "SF", "顺丰", "SF1", List.of()))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    // ---- receipt

    @Test
    void confirming_receipt_completes_a_shipped_order() {
        fixture.given(placed(), paid(), shippedAll())
                .when(new ConfirmReceipt(ORDER, BUYER))
                .expectEvents(completed(NOW, false))
                .expectResultMessagePayload(new OrderAck(ORDER, OrderStatus.COMPLETED, 3));
    }

    @Test
    void receipt_is_refused_before_shipping() {
        fixture.given(placed(), paid()).when(new ConfirmReceipt(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("ORDER_NOT_RECEIVABLE"));
    }

    @Test
    void another_buyer_does_not_see_the_order() {
        fixture.given(placed(), paid(), shippedAll()).when(new ConfirmReceipt(ORDER, OTHER_BUYER))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
    }

    // ---- cancel

    @Test
    void cancelling_a_pending_order_returns_the_stock_to_release() {
        fixture.given(placed())
                .when(new CancelOnly(new CancelOrder(ORDER, BUYER, "changed my mind")))
                .expectEvents(new OrderCancelled(ORDER, "changed my mind", NOW))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> r.equals(Map.of(
                        "product-1", Map.of("sku-1", 2), "product-2", Map.of("sku-2", 1)))));
    }

    @Test
    void the_seller_and_an_admin_may_cancel_too() {
        fixture.given(placed()).when(new CancelOnly(new CancelOrder(ORDER, SELLER, "out of stock")))
                .expectEvents(new OrderCancelled(ORDER, "out of stock", NOW));
        fixture.given(placed()).when(new CancelOnly(new CancelOrder(ORDER, ADMIN, "fraud")))
                .expectEvents(new OrderCancelled(ORDER, "fraud", NOW));
    }

    @Test
    void cancel_is_refused_once_paid() {
        fixture.given(placed(), paid()).when(new CancelOnly(new CancelOrder(ORDER, BUYER, "too late")))
                .expectNoEvents().expectException(refusal("ORDER_NOT_CANCELLABLE"));
    }

    @Test
    void cancel_is_refused_when_already_cancelled() {
        fixture.given(placed(), new OrderCancelled(ORDER, "first", NOW))
                .when(new CancelOnly(new CancelOrder(ORDER, BUYER, "second")))
                .expectNoEvents().expectException(refusal("ORDER_NOT_CANCELLABLE"));
    }

    @Test
    void the_payment_gateway_may_not_cancel() {
        fixture.given(placed()).when(new CancelOnly(new CancelOrder(ORDER, GATEWAY, "x")))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    // ---- expiry (the order timer)

    record Expire(ExpireOrder command) {
    }

    static final class ExpireHandler {
        private final Repository<Order> orders;
        private final MovableClock clock;

        ExpireHandler(Repository<Order> orders, MovableClock clock) {
            this.orders = orders;
            this.clock = clock;
        }

        @CommandHandler
        Object handle(Expire e) throws Exception {
            return orders.load(ORDER).invoke(o -> o.expire(e.command(), clock.now));
        }
    }

    private void withExpiry() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(OrderSettings.defaults());
        fixture.registerInjectableResource(new TicketCodes(new java.util.Random(7)));
        fixture.registerAnnotatedCommandHandler(new ExpireHandler(fixture.getRepository(), clock));
    }

    static final ExpireOrder EXPIRE = new ExpireOrder(ORDER, GATEWAY);

    @Test
    void an_unpaid_order_expires_once_its_window_closed_and_gives_its_stock_back() {
        withExpiry();
        clock.now = PLACED_AT.plus(Duration.ofHours(24));
        fixture.given(placed()).when(new Expire(EXPIRE))
                .expectEvents(new OrderCancelled(ORDER, Order.PAYMENT_TIMEOUT, clock.now))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> r.equals(Map.of(
                        "product-1", Map.of("sku-1", 2), "product-2", Map.of("sku-2", 1)))));
    }

    @Test
    void expiry_is_refused_before_the_window_closes() {
        withExpiry();
        fixture.given(placed()).when(new Expire(EXPIRE))
                .expectNoEvents().expectException(refusal("NOT_YET_DUE"));
    }

    @Test
    void expiry_is_refused_after_payment() {
        withExpiry();
        clock.now = PLACED_AT.plus(Duration.ofHours(25));
        fixture.given(placed(), paid()).when(new Expire(EXPIRE))
                .expectNoEvents().expectException(refusal("ORDER_NOT_CANCELLABLE"));
    }

    @Test
    void expiry_is_refused_to_anyone_but_the_system() {
        withExpiry();
        fixture.given(placed()).when(new Expire(new ExpireOrder(ORDER, ADMIN)))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void a_payment_for_an_expired_order_is_recorded_once_for_refund() {
        var expired = new OrderCancelled(ORDER, Order.PAYMENT_TIMEOUT, NOW);
        var late = new LatePaymentReceived(ORDER, Money.of("53.90"), "wechat", "tx-late", NOW);
        fixture.given(placed(), expired).when(pay("53.90", "tx-late"))
                .expectEvents(late)
                .expectResultMessagePayload(new PayAck(ORDER, OrderStatus.CANCELLED, 2, null));
        fixture.given(placed(), expired, late).when(pay("53.90", "tx-late")).expectNoEvents();
    }

    @Test
    void the_timer_confirms_receipt_for_the_buyer_when_it_is_due() {
        fixture.given(placed(), paid(), shippedAll())
                .when(new AutoConfirmReceipt(ORDER, GATEWAY))
                .expectNoEvents().expectException(refusal("NOT_YET_DUE"));
        clock.now = AUTO_CONFIRM_AT;
        fixture.given(placed(), paid(), shippedAll())
                .when(new AutoConfirmReceipt(ORDER, GATEWAY))
                .expectEvents(completed(AUTO_CONFIRM_AT, true));
    }

    // ---- 改价: the price of an unpaid order

    static PriceAdjusted adjusted(String pay, Map<String, Money> shares, String by) {
        var price = placed().price().adjustedBy(Money.of("53.90").minus(Money.of(pay)), java.math.BigDecimal.ONE);
        return new PriceAdjusted(ORDER, price, shares, "老客户", by, NOW);
    }

    static final Map<String, Money> OFF_3_90 = Map.of("line-1", Money.of("3.19"), "line-2", Money.of("0.71"));

    @Test
    void a_seller_lowers_an_unpaid_orders_price_and_the_lines_share_it_to_the_fen() {
        fixture.given(placed()).when(new AdjustPrice(ORDER, SELLER, Money.of("50.00"), null, "老客户"))
                .expectEvents(adjusted("50.00", OFF_3_90, "seller-1"));
        var price = adjusted("50.00", OFF_3_90, "seller-1").price();
        org.assertj.core.api.Assertions.assertThat(price.payAmount()).isEqualTo(Money.of("50.00"));
        org.assertj.core.api.Assertions.assertThat(price.sellerAdjustment()).isEqualTo(Money.of("3.90"));
        org.assertj.core.api.Assertions.assertThat(price.totalAmount()).isEqualTo(Money.of("50.00"));
        org.assertj.core.api.Assertions.assertThat(price.pointsEarned()).isEqualTo(50);
        // the old amount no longer pays it; the new one does
        fixture.given(placed(), adjusted("50.00", OFF_3_90, "seller-1")).when(pay("53.90", "tx-1"))
                .expectNoEvents().expectException(refusal("AMOUNT_MISMATCH"));
        fixture.given(placed(), adjusted("50.00", OFF_3_90, "seller-1")).when(pay("50.00", "tx-1"))
                .expectEvents(new OrderPaid(ORDER, Money.of("50.00"), "wechat", "tx-1", NOW));
        // the same price again changes nothing
        fixture.given(placed(), adjusted("50.00", OFF_3_90, "seller-1"))
                .when(new AdjustPrice(ORDER, SELLER, Money.of("50.00"), null, "again")).expectNoEvents();
    }

    @Test
    void a_refund_after_an_adjustment_is_bounded_by_what_the_line_cost_then() {
        fixture.registerAnnotatedCommandHandler(new AfterSalesSteps(fixture.getRepository(), clock));
        fixture.given(placed(), adjusted("50.00", OFF_3_90, "seller-1"), paid50())
                .when(new Apply(applyFor("line-1", "44.00")))
                .expectNoEvents().expectException(refusal("REFUND_EXCEEDS_REFUNDABLE"));
        fixture.given(placed(), adjusted("50.00", OFF_3_90, "seller-1"), paid50())
                .when(new Apply(applyFor("line-1", "40.81")))
                .expectEvents(new RefundOpened(ORDER, "refund-1", "line-1", Money.of("40.81")));
    }

    static OrderPaid paid50() {
        return new OrderPaid(ORDER, Money.of("50.00"), "wechat", "tx-1", NOW);
    }

    @Test
    void only_an_admin_asks_more_than_the_order_cost_and_nobody_leaves_less_than_a_fen() {
        fixture.given(placed(), adjusted("50.00", OFF_3_90, "seller-1"))
                .when(new AdjustPrice(ORDER, SELLER, Money.of("53.90"), null, "改回"))
                .expectSuccessfulHandlerExecution();
        fixture.given(placed()).when(new AdjustPrice(ORDER, SELLER, Money.of("60.00"), null, "涨价"))
                .expectNoEvents().expectException(refusal("PRICE_ABOVE_ORIGINAL"));
        fixture.given(placed()).when(new AdjustPrice(ORDER, SELLER, null, Money.of("10.00"), "运费"))
                .expectNoEvents().expectException(refusal("PRICE_ABOVE_ORIGINAL"));
        fixture.given(placed()).when(new AdjustPrice(ORDER, ADMIN, null, Money.of("10.00"), "偏远运费"))
                .expectSuccessfulHandlerExecution();
        fixture.given(placed()).when(new AdjustPrice(ORDER, ADMIN, Money.of("200.00"), null, "x"))
                .expectNoEvents().expectException(refusal("ADJUSTMENT_TOO_LARGE"));
        fixture.given(placed()).when(new AdjustPrice(ORDER, SELLER, Money.of("0.00"), null, "送"))
                .expectNoEvents().expectException(refusal("PAY_AMOUNT_TOO_LOW"));
    }

    @Test
    void only_the_shop_or_an_admin_adjusts_and_only_before_payment() {
        fixture.given(placed(), paid()).when(new AdjustPrice(ORDER, SELLER, Money.of("50.00"), null, "x"))
                .expectNoEvents().expectException(refusal("ORDER_NOT_ADJUSTABLE"));
        fixture.given(placed()).when(new AdjustPrice(ORDER, BUYER, Money.of("50.00"), null, "x"))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.given(placed()).when(new AdjustPrice(ORDER, OTHER_SELLER, Money.of("50.00"), null, "x"))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
    }

    // ---- a new receiver before anything ships (ReceiverDesk prices the shipping, the order decides)

    record NewReceiver(ChangeReceiver command, String fee) {
    }

    static final class ReceiverStep {
        private final Repository<Order> orders;
        private final Clock clock;

        ReceiverStep(Repository<Order> orders, Clock clock) {
            this.orders = orders;
            this.clock = clock;
        }

        @CommandHandler
        Object handle(NewReceiver c) throws Exception {
            return orders.load(ORDER).invoke(o -> o.changeReceiver(c.command(), Money.of(c.fee()),
                    OrderSettings.defaults(), clock.instant()));
        }
    }

    static final Receiver ELSEWHERE = new Receiver("李四", "13900001111", "上海市", "上海市", "徐汇区", "漕溪北路1号",
            null, "310104");

    @Test
    void an_unpaid_order_goes_elsewhere_and_its_shipping_and_pay_follow_the_new_region() {
        fixture.registerAnnotatedCommandHandler(new ReceiverStep(fixture.getRepository(), clock));
        fixture.given(placed()).when(new NewReceiver(new ChangeReceiver(ORDER, BUYER, ELSEWHERE), "0.00"))
                .expectEvents(new ReceiverChanged(ORDER, "buyer-1", ELSEWHERE, placed().price(), "buyer-1", NOW));
        var dearer = placed().price().withShippingFee(Money.of("10.00"), java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
        org.assertj.core.api.Assertions.assertThat(dearer.payAmount()).isEqualTo(Money.of("63.90"));
        fixture.given(placed()).when(new NewReceiver(new ChangeReceiver(ORDER, SELLER, ELSEWHERE), "10.00"))
                .expectEvents(new ReceiverChanged(ORDER, "buyer-1", ELSEWHERE, dearer, "seller-1", NOW));
        fixture.given(placed(), new ReceiverChanged(ORDER, "buyer-1", ELSEWHERE, placed().price(), "buyer-1", NOW))
                .when(new NewReceiver(new ChangeReceiver(ORDER, BUYER, ELSEWHERE), "0.00")).expectNoEvents();
        fixture.given(placed()).when(new NewReceiver(new ChangeReceiver(ORDER, OTHER_BUYER, ELSEWHERE), "0.00"))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
    }

    @Test
    void a_paid_order_goes_elsewhere_only_at_the_same_shipping_fee_and_never_once_a_package_left() {
        fixture.registerAnnotatedCommandHandler(new ReceiverStep(fixture.getRepository(), clock));
        fixture.given(placed(), paid()).when(new NewReceiver(new ChangeReceiver(ORDER, BUYER, ELSEWHERE), "0.00"))
                .expectEvents(new ReceiverChanged(ORDER, "buyer-1", ELSEWHERE, placed().price(), "buyer-1", NOW));
        fixture.given(placed(), paid()).when(new NewReceiver(new ChangeReceiver(ORDER, BUYER, ELSEWHERE), "8.00"))
                .expectNoEvents().expectException(refusal("SHIPPING_FEE_CHANGED"));
        fixture.given(placed(), paid(), new OrderShipped(ORDER, "shipment-1", "SF", "顺丰", "SF1",
                        List.of(new ShipmentLine("line-1", 1)), false, NOW, null))
                .when(new NewReceiver(new ChangeReceiver(ORDER, SELLER, ELSEWHERE), "0.00"))
                .expectNoEvents().expectException(refusal("RECEIVER_NOT_CHANGEABLE"));
        fixture.given(placed(), paid(), shippedAll())
                .when(new NewReceiver(new ChangeReceiver(ORDER, BUYER, ELSEWHERE), "0.00"))
                .expectNoEvents().expectException(refusal("RECEIVER_NOT_CHANGEABLE"));
    }

    // ---- the seller's back-office: print flag, private remark, and the buyer's extended receipt

    @Test
    void the_shop_marks_the_waybill_printed_between_payment_and_the_last_shipment_once() {
        fixture.given(placed(), paid()).when(new MarkPrinted(ORDER, SELLER, true))
                .expectEvents(new WaybillPrintMarked(ORDER, true, "seller-1", NOW));
        fixture.given(placed(), paid(), new WaybillPrintMarked(ORDER, true, "seller-1", NOW))
                .when(new MarkPrinted(ORDER, SELLER, true)).expectNoEvents();
        fixture.given(placed(), paid(), new WaybillPrintMarked(ORDER, true, "seller-1", NOW))
                .when(new MarkPrinted(ORDER, ADMIN, false))
                .expectEvents(new WaybillPrintMarked(ORDER, false, "admin-1", NOW));
        fixture.given(placed()).when(new MarkPrinted(ORDER, SELLER, true))
                .expectNoEvents().expectException(refusal("ORDER_NOT_PRINTABLE"));
        fixture.given(placed(), paid()).when(new MarkPrinted(ORDER, OTHER_SELLER, true))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
        fixture.given(placed(), paid()).when(new MarkPrinted(ORDER, BUYER, true))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void the_shop_keeps_a_private_remark_and_flag_at_any_time() {
        fixture.given(placed()).when(new SetSellerRemark(ORDER, SELLER, "周末送", SellerFlag.RED))
                .expectEvents(new SellerRemarkSet(ORDER, "周末送", SellerFlag.RED, "seller-1", NOW));
        fixture.given(placed(), new SellerRemarkSet(ORDER, "周末送", SellerFlag.RED, "seller-1", NOW))
                .when(new SetSellerRemark(ORDER, SELLER, "周末送", SellerFlag.RED)).expectNoEvents();
        fixture.given(placed(), new SellerRemarkSet(ORDER, "周末送", SellerFlag.RED, "seller-1", NOW))
                .when(new SetSellerRemark(ORDER, SELLER, null, null))
                .expectEvents(new SellerRemarkSet(ORDER, null, null, "seller-1", NOW));
        fixture.given(placed()).when(new SetSellerRemark(ORDER, BUYER, "x", null))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.given(placed()).when(new SetSellerRemark(ORDER, OTHER_SELLER, "x", null))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
    }

    @Test
    void the_buyer_extends_the_receipt_once_before_it_is_due_and_the_timer_waits_for_the_new_date() {
        Instant extended = AUTO_CONFIRM_AT.plus(Duration.ofDays(3));
        fixture.given(placed(), paid(), shippedAll()).when(new ExtendReceipt(ORDER, BUYER))
                .expectEvents(new ReceiptExtended(ORDER, extended, NOW));
        fixture.given(placed(), paid(), shippedAll(), new ReceiptExtended(ORDER, extended, NOW))
                .when(new ExtendReceipt(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("RECEIPT_ALREADY_EXTENDED"));
        fixture.given(placed(), paid()).when(new ExtendReceipt(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("ORDER_NOT_EXTENDABLE"));
        fixture.given(placed(), paid(), shippedAll()).when(new ExtendReceipt(ORDER, SELLER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
        fixture.given(placed(), paid(), shippedAll()).when(new ExtendReceipt(ORDER, OTHER_BUYER))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
        clock.now = AUTO_CONFIRM_AT;
        fixture.given(placed(), paid(), shippedAll()).when(new ExtendReceipt(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("ORDER_NOT_EXTENDABLE"));
        fixture.given(placed(), paid(), shippedAll(), new ReceiptExtended(ORDER, extended, NOW))
                .when(new AutoConfirmReceipt(ORDER, GATEWAY))
                .expectNoEvents().expectException(refusal("NOT_YET_DUE"));
        clock.now = extended;
        fixture.given(placed(), paid(), shippedAll(), new ReceiptExtended(ORDER, extended, NOW))
                .when(new AutoConfirmReceipt(ORDER, GATEWAY))
                .expectEvents(completed(extended, true));
    }

    @Test
    void the_timer_does_not_confirm_receipt_while_a_refund_is_open() {
        fixture.given(placed(), paid(), shippedAll(), new RefundOpened(ORDER, "r", "line-1", Money.of("1.00")))
                .when(new AutoConfirmReceipt(ORDER, GATEWAY))
                .expectNoEvents().expectException(refusal("ORDER_LOCKED"));
    }

    @Test
    void only_the_system_confirms_receipt_automatically() {
        fixture.given(placed(), paid(), shippedAll()).when(new AutoConfirmReceipt(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }

    @Test
    void the_review_window_closes_an_unreviewed_order_and_a_late_review_is_refused() {
        var completed = completed(NOW, false);
        var closed = new ReviewWindowClosed(ORDER, NOW);
        fixture.given(placed(), paid(), shippedAll(), completed).when(new CloseReviewWindow(ORDER, GATEWAY))
                .expectEvents(closed);
        fixture.given(placed(), paid(), shippedAll(), completed, closed).when(new ReviewOrder(ORDER, BUYER, 5, "x"))
                .expectNoEvents().expectException(refusal("REVIEW_WINDOW_CLOSED"));
        fixture.given(placed(), paid(), shippedAll(), completed, new OrderReviewed(ORDER, 5, "好", NOW))
                .when(new CloseReviewWindow(ORDER, GATEWAY)).expectNoEvents();
    }

    @Test
    void the_after_sales_window_closes_once() {
        var completed = completed(NOW, false);
        fixture.given(placed(), paid(), shippedAll(), completed).when(new CloseAfterSalesWindow(ORDER, GATEWAY))
                .expectEvents(new AfterSalesWindowClosed(ORDER, NOW));
        fixture.given(placed(), paid(), shippedAll(), completed, new AfterSalesWindowClosed(ORDER, NOW))
                .when(new CloseAfterSalesWindow(ORDER, GATEWAY)).expectNoEvents();
    }

    // ---- review

    @Test
    void a_completed_order_is_reviewed_once() {
        var reviewed = new OrderReviewed(ORDER, 5, "好", NOW);
        fixture.given(placed(), paid(), shippedAll(), completed(NOW, false))
                .when(new ReviewOrder(ORDER, BUYER, 5, "好"))
                .expectEvents(reviewed);
        fixture.given(placed(), paid(), shippedAll(), completed(NOW, false), reviewed)
                .when(new ReviewOrder(ORDER, BUYER, 4, "again"))
                .expectNoEvents().expectException(refusal("ORDER_ALREADY_REVIEWED"));
    }

    @Test
    void review_is_refused_before_completion() {
        fixture.given(placed(), paid(), shippedAll()).when(new ReviewOrder(ORDER, BUYER, 5, "好"))
                .expectNoEvents().expectException(refusal("ORDER_NOT_REVIEWABLE"));
    }

    @Test
    void a_rating_outside_one_to_five_is_refused() {
        fixture.given(placed(), paid(), shippedAll(), completed(NOW, false))
                .when(new ReviewOrder(ORDER, BUYER, 6, "great"))
                .expectNoEvents().expectException(refusal("INVALID_RATING"));
    }

    // ---- delete

    @Test
    void a_finished_order_is_hidden_from_the_buyer_and_deleting_again_changes_nothing() {
        var cancelled = new OrderCancelled(ORDER, "x", NOW);
        fixture.given(placed(), cancelled).when(new DeleteOrder(ORDER, BUYER))
                .expectEvents(new OrderDeletedByBuyer(ORDER, NOW));
        fixture.given(placed(), cancelled, new OrderDeletedByBuyer(ORDER, NOW)).when(new DeleteOrder(ORDER, BUYER))
                .expectNoEvents()
                .expectResultMessagePayload(new OrderAck(ORDER, OrderStatus.CANCELLED, 2));
    }

    @Test
    void an_order_in_progress_cannot_be_deleted() {
        fixture.given(placed(), paid()).when(new DeleteOrder(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("ORDER_NOT_DELETABLE"));
    }

    // ---- after-sales bookkeeping (RefundHandler drives these together with the Refund)

    record Apply(ApplyRefund command) {
    }

    record Paid(String refundId, boolean returned) {
    }

    record Ended(String refundId, RefundOutcome outcome) {
    }

    static final class AfterSalesSteps {
        private final Repository<Order> orders;
        private final Clock clock;

        AfterSalesSteps(Repository<Order> orders, Clock clock) {
            this.orders = orders;
            this.clock = clock;
        }

        @CommandHandler
        Object handle(Apply a) throws Exception {
            return orders.load(ORDER).invoke(o -> o.openRefund(a.command(), clock.instant()));
        }

        @CommandHandler
        Object handle(Paid p) throws Exception {
            return orders.load(ORDER).invoke(o -> o.refundPaid(p.refundId(), p.returned(), clock.instant()));
        }

        @CommandHandler
        void handle(Ended e) throws Exception {
            orders.load(ORDER).execute(o -> o.refundEnded(e.refundId(), e.outcome(), clock.instant()));
        }
    }

    static ApplyRefund applyFor(String line, String amount) {
        return new ApplyRefund("refund-1", ORDER, line, RefundType.REFUND_ONLY, false, RefundReason.OTHER,
                Money.of(amount), null, null, BUYER);
    }

    static RefundOpened opened(String line, String amount) {
        return new RefundOpened(ORDER, "refund-1", line, Money.of(amount));
    }

    private void withAfterSales() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(OrderSettings.defaults());
        fixture.registerInjectableResource(new TicketCodes(new java.util.Random(7)));
        fixture.registerAnnotatedCommandHandler(new AfterSalesSteps(fixture.getRepository(), clock));
    }

    @Test
    void an_application_locks_its_line() {
        withAfterSales();
        fixture.given(placed(), paid()).when(new Apply(applyFor("line-1", "44.00")))
                .expectEvents(opened("line-1", "44.00"));
    }

    @Test
    void an_unpaid_order_takes_no_refund_application() {
        withAfterSales();
        fixture.given(placed()).when(new Apply(applyFor("line-1", "1.00")))
                .expectNoEvents().expectException(refusal("ORDER_NOT_REFUNDABLE"));
    }

    @Test
    void an_application_above_the_line_total_is_refused() {
        withAfterSales();
        fixture.given(placed(), paid()).when(new Apply(applyFor("line-1", "44.01")))
                .expectNoEvents().expectException(refusal("REFUND_EXCEEDS_REFUNDABLE"));
    }

    @Test
    void a_line_takes_one_open_refund_at_a_time() {
        withAfterSales();
        fixture.given(placed(), paid(), opened("line-1", "10.00")).when(new Apply(applyFor("line-1", "1.00")))
                .expectNoEvents().expectException(refusal("REFUND_ALREADY_OPEN"));
    }

    @Test
    void an_application_for_a_line_the_order_does_not_have_is_refused() {
        withAfterSales();
        fixture.given(placed(), paid()).when(new Apply(applyFor("line-x", "1.00")))
                .expectNoEvents().expectException(refusal("UNKNOWN_ORDER_LINE"));
    }

    @Test
    void an_application_after_the_after_sales_window_is_refused() {
        withAfterSales();
        fixture.given(placed(), paid(), shippedAll(),
                        completed(NOW.minus(Duration.ofDays(16)), false))
                .when(new Apply(applyFor("line-1", "1.00")))
                .expectNoEvents().expectException(refusal("AFTER_SALES_WINDOW_CLOSED"));
    }

    @Test
    void an_open_refund_locks_receipt() {
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "5.00"))
                .when(new ConfirmReceipt(ORDER, BUYER))
                .expectNoEvents().expectException(refusal("ORDER_LOCKED"));
    }

    @Test
    void an_open_refund_locks_shipping() {
        fixture.given(placed(), paid(), opened("line-1", "5.00"))
                .when(new ShipOrder(ORDER, SELLER, "s", "SF", "顺丰", "SF1", List.of()))
                .expectNoEvents().expectException(refusal("ORDER_LOCKED"));
    }

    @Test
    void a_refused_refund_unlocks_the_line() {
        withAfterSales();
        fixture.given(placed(), paid(), opened("line-1", "5.00")).when(new Ended("refund-1", RefundOutcome.REFUSED))
                .expectEvents(new RefundEnded(ORDER, "refund-1", "line-1", RefundOutcome.REFUSED, NOW, null));
    }

    @Test
    void the_last_refund_to_close_resumes_the_automatic_receipt_at_its_date_or_now_if_that_passed() {
        withAfterSales();
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "5.00"))
                .when(new Ended("refund-1", RefundOutcome.CANCELLED))
                .expectEvents(new RefundEnded(ORDER, "refund-1", "line-1", RefundOutcome.CANCELLED, NOW,
                        AUTO_CONFIRM_AT));
        clock.now = AUTO_CONFIRM_AT.plusSeconds(3600);
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "5.00"))
                .when(new Ended("refund-1", RefundOutcome.REFUSED))
                .expectEvents(new RefundEnded(ORDER, "refund-1", "line-1", RefundOutcome.REFUSED, clock.now,
                        clock.now));
    }

    @Test
    void a_refund_that_closes_while_another_is_open_resumes_nothing() {
        withAfterSales();
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "5.00"),
                        new RefundOpened(ORDER, "refund-2", "line-2", Money.of("1.00")))
                .when(new Ended("refund-1", RefundOutcome.CANCELLED))
                .expectEvents(new RefundEnded(ORDER, "refund-1", "line-1", RefundOutcome.CANCELLED, NOW, null));
    }

    @Test
    void a_full_refund_before_shipping_releases_the_units_and_the_last_one_closes_the_order() {
        withAfterSales();
        var line1Refunded = new LineRefunded(ORDER, "refund-1", "line-1", Money.of("44.00"), Money.of("44.00"), true,
                0, 2, OrderStatus.TO_SHIP, NOW, null);
        fixture.given(placed(), paid(), opened("line-1", "44.00")).when(new Paid("refund-1", false))
                .expectEvents(line1Refunded)
                .expectResultMessagePayloadMatching(Matchers.predicate(r ->
                        ((OrderAfterSales.Payout) r).stockBack().equals(Map.of("product-1", Map.of("sku-1", 2)))));
        fixture.given(placed(), paid(), opened("line-1", "44.00"), line1Refunded,
                        new RefundOpened(ORDER, "refund-2", "line-2", Money.of("9.90")))
                .when(new Paid("refund-2", false))
                .expectEvents(new LineRefunded(ORDER, "refund-2", "line-2", Money.of("9.90"), Money.of("9.90"), true, 0,
                        1, OrderStatus.TO_SHIP, NOW, null), new OrderClosed(ORDER, NOW));
    }

    @Test
    void a_partial_refund_after_delivery_moves_no_stock_and_a_returned_line_restocks_what_was_shipped() {
        withAfterSales();
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "10.00")).when(new Paid("refund-1", false))
                .expectEvents(new LineRefunded(ORDER, "refund-1", "line-1", Money.of("10.00"), Money.of("10.00"),
                        false, 0, 0, OrderStatus.SHIPPED, NOW, AUTO_CONFIRM_AT))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> ((OrderAfterSales.Payout) r).stockBack().isEmpty()));
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "44.00")).when(new Paid("refund-1", true))
                .expectEvents(new LineRefunded(ORDER, "refund-1", "line-1", Money.of("44.00"), Money.of("44.00"), true,
                        2, 2, OrderStatus.SHIPPED, NOW, AUTO_CONFIRM_AT));
    }

    // ---- stock through refunds: every unit goes back once, and only units that came back or never left

    static LineRefunded returned(String refundId, String amount, String total, boolean full, int returned,
                                 int released) {
        return new LineRefunded(ORDER, refundId, "line-1", Money.of(amount), Money.of(total), full, returned,
                released, OrderStatus.SHIPPED, NOW, AUTO_CONFIRM_AT);
    }

    @Test
    void a_second_return_on_a_line_gives_back_nothing_the_first_gave_back() {
        withAfterSales();
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "10.00"), returned("refund-1", "10.00",
                        "10.00", false, 2, 2), new RefundOpened(ORDER, "refund-2", "line-1", Money.of("10.00")))
                .when(new Paid("refund-2", true))
                .expectEvents(returned("refund-2", "10.00", "20.00", false, 0, 0))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> ((OrderAfterSales.Payout) r).stockBack().isEmpty()));
    }

    @Test
    void a_return_stored_before_returned_units_were_recorded_still_counts_as_returned() {
        withAfterSales();
        var legacy = new LineRefunded(ORDER, "refund-1", "line-1", Money.of("10.00"), Money.of("10.00"), false,
                null, 2, OrderStatus.SHIPPED, NOW, null);
        fixture.given(placed(), paid(), shippedAll(), opened("line-1", "10.00"), legacy,
                        new RefundOpened(ORDER, "refund-2", "line-1", Money.of("10.00")))
                .when(new Paid("refund-2", true))
                .expectEvents(returned("refund-2", "10.00", "20.00", false, 0, 0));
    }

    @Test
    void a_return_that_fully_refunds_a_line_never_shipped_gives_back_its_units() {
        withAfterSales();
        fixture.given(placed(), paid(), opened("line-1", "44.00")).when(new Paid("refund-1", true))
                .expectEvents(new LineRefunded(ORDER, "refund-1", "line-1", Money.of("44.00"), Money.of("44.00"), true,
                        0, 2, OrderStatus.TO_SHIP, NOW, null))
                .expectResultMessagePayloadMatching(Matchers.predicate(r ->
                        ((OrderAfterSales.Payout) r).stockBack().equals(Map.of("product-1", Map.of("sku-1", 2)))));
    }

    @Test
    void a_return_that_fully_refunds_a_partly_shipped_line_gives_back_the_returned_and_the_unshipped_units() {
        withAfterSales();
        var partly = new OrderShipped(ORDER, "shipment-1", "SF", "顺丰", "SF1", List.of(new ShipmentLine("line-1", 1)),
                false, NOW, null);
        fixture.given(placed(), paid(), partly, opened("line-1", "44.00")).when(new Paid("refund-1", true))
                .expectEvents(new LineRefunded(ORDER, "refund-1", "line-1", Money.of("44.00"), Money.of("44.00"), true,
                        1, 2, OrderStatus.TO_SHIP, NOW, null))
                .expectResultMessagePayloadMatching(Matchers.predicate(r ->
                        ((OrderAfterSales.Payout) r).stockBack().equals(Map.of("product-1", Map.of("sku-1", 2)))));
    }

    @Test
    void refusals_carry_the_http_kind_the_web_layer_maps() {
        assertThat(Refusal.orderNotFound("x").kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(Refusal.forbidden("x").kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
    }

    static OrderPlaced placedWithInvoice() {
        OrderPlaced p = placed();
        return new OrderPlaced(p.orderId(), p.orderNo(), "pay-1", p.buyerId(), p.shopId(), p.orderType(), p.lines(),
                p.receiver(), null, new io.ordersvc.shared.order.Invoice(
                io.ordersvc.shared.order.Invoice.Type.COMPANY, "某公司", "91350100M000100Y43"), p.price(),
                p.createdAt(), p.payableUntil());
    }

    @Test
    void the_seller_records_the_invoice_of_a_paid_order_once() {
        fixture.given(placedWithInvoice(), paid())
                .when(new IssueInvoice(ORDER, SELLER, "INV-1", null))
                .expectEvents(new InvoiceIssued(ORDER, "INV-1", null, NOW));
        fixture.given(placedWithInvoice(), paid(), new InvoiceIssued(ORDER, "INV-1", null, NOW))
                .when(new IssueInvoice(ORDER, SELLER, "INV-1", null))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(placedWithInvoice(), paid(), new InvoiceIssued(ORDER, "INV-1", null, NOW))
                .when(new IssueInvoice(ORDER, SELLER, "INV-2", null))
                .expectNoEvents().expectException(refusal("INVOICE_ALREADY_ISSUED"));
    }

    @Test
    void an_invoice_is_refused_before_payment_without_a_request_and_to_others() {
        fixture.given(placedWithInvoice())
                .when(new IssueInvoice(ORDER, SELLER, "INV-1", null))
                .expectNoEvents().expectException(refusal("ORDER_NOT_INVOICEABLE"));
        fixture.given(placed(), paid())
                .when(new IssueInvoice(ORDER, SELLER, "INV-1", null))
                .expectNoEvents().expectException(refusal("NO_INVOICE_REQUESTED"));
        fixture.given(placedWithInvoice(), paid())
                .when(new IssueInvoice(ORDER, OTHER_SELLER, "INV-1", null))
                .expectNoEvents().expectException(refusal("ORDER_NOT_FOUND"));
        fixture.given(placedWithInvoice(), paid())
                .when(new IssueInvoice(ORDER, BUYER, "INV-1", null))
                .expectNoEvents().expectException(refusal("FORBIDDEN"));
    }
}
