package io.ordersvc.command.order;

import io.ordersvc.command.order.InMemoryCommandSide.Appended;
import io.ordersvc.command.payment.PaymentDesk.PaymentDue;
import io.ordersvc.command.payment.PaymentDesk.PaymentReceipt;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.AdjustPrice;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderEvent.LatePaymentReceived;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.PaymentRefused;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.payment.PaymentCommand.ReceivePayment;
import io.ordersvc.shared.payment.PaymentCommand.RequestPayment;
import io.ordersvc.shared.payment.PaymentEvent.PaymentReceived;
import io.ordersvc.shared.payment.PaymentEvent.PaymentRequested;
import io.ordersvc.shared.payment.PaymentEvent.ReturnedShare;
import io.ordersvc.shared.payment.PaymentEvent.OrderShare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pay number's requests and trades with its orders, on an in-memory store: what each request asks for, what each
 * trade pays, and where money that cannot pay an order goes.
 */
class PaymentDeskTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Actor CHANNEL = Actor.system("alipay_app");
    static final Receiver RECEIVER = new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null);

    private InMemoryCommandSide side;

    @BeforeEach
    void setUp() {
        side = new InMemoryCommandSide(Clock.fixed(NOW, ZoneOffset.UTC));
        side.send(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(
                new SkuSpec("sku-1", "Z", Map.of(), Money.of("22.00"), null, null, 50)), SELLER));
        side.appended();
    }

    private CheckoutPlaced.PlacedOrder place(String orderId) {
        return side.send(new PlaceOrder(orderId, BUYER, OrderType.PHYSICAL,
                List.of(new PlaceOrder.Item("sku-1", 1)), RECEIVER, null));
    }

    private PaymentDue request(String payNo) {
        return side.send(new RequestPayment(payNo, PaymentChannel.ALIPAY_APP, null, BUYER));
    }

    private PaymentReceipt receive(String payNo, String outTradeNo, String tradeNo, String amount) {
        return side.send(new ReceivePayment(payNo, outTradeNo, PaymentChannel.ALIPAY_APP, tradeNo, Money.of(amount),
                NOW, CHANNEL));
    }

    @Test
    void a_request_asks_for_what_the_order_owes_and_the_same_request_again_appends_nothing() {
        String payNo = place("order-1").payNo();
        side.appended();
        PaymentDue due = request(payNo);
        assertThat(due.amount()).isEqualTo(Money.of("22.00"));
        assertThat(due.outTradeNo()).isEqualTo(payNo + "_1");
        assertThat(side.appended()).extracting(Appended::payload).containsExactly(new PaymentRequested(payNo,
                payNo + "_1", PaymentChannel.ALIPAY_APP, Money.of("22.00"), List.of(new OrderShare("order-1",
                Money.of("22.00"))), NOW));
        assertThat(request(payNo).outTradeNo()).isEqualTo(payNo + "_1");
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void another_buyer_cannot_request_and_a_paid_pay_number_has_nothing_to_pay() {
        String payNo = place("order-1").payNo();
        assertThatThrownBy(() -> side.send(new RequestPayment(payNo, PaymentChannel.ALIPAY_APP, null,
                new Actor("buyer-2", Role.BUYER, null)))).isInstanceOf(DomainException.class)
                .hasMessageContaining("does not exist");
        receive(payNo, request(payNo).outTradeNo(), "T1", "22.00");
        assertThatThrownBy(() -> request(payNo)).hasMessageContaining("may be paid now");
    }

    @Test
    void a_trade_pays_the_order_once_and_reported_again_appends_nothing() {
        String payNo = place("order-1").payNo();
        String out = request(payNo).outTradeNo();
        side.appended();
        PaymentReceipt receipt = receive(payNo, out, "T1", "22.00");
        assertThat(receipt.paid()).containsExactly(new OrderShare("order-1", Money.of("22.00")));
        List<Appended> appended = side.appended();
        assertThat(appended).extracting(Appended::aggregateType).containsExactly("Order", "Payment");
        assertThat(appended.get(0).payload()).isEqualTo(new OrderPaid("order-1", Money.of("22.00"), "alipay_app",
                "T1", NOW));
        assertThat(receive(payNo, out, "T1", "22.00")).isEqualTo(receipt);
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void a_trade_for_another_amount_than_requested_is_refused_and_changes_nothing() {
        String payNo = place("order-1").payNo();
        String out = request(payNo).outTradeNo();
        side.appended();
        assertThatThrownBy(() -> receive(payNo, out, "T1", "21.99")).hasMessageContaining("asked for 22.00");
        assertThatThrownBy(() -> receive(payNo, payNo + "_9", "T1", "22.00")).hasMessageContaining("was not requested");
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void money_for_a_cancelled_order_is_late_and_a_second_trade_for_a_paid_order_is_refused_to_be_paid_back() {
        String payNo = place("order-1").payNo();
        String out = request(payNo).outTradeNo();
        side.send(new CancelOrder("order-1", BUYER, "changed my mind"));
        side.appended();
        PaymentReceipt late = receive(payNo, out, "T1", "22.00");
        assertThat(late.returned()).containsExactly(new ReturnedShare("order-1", Money.of("22.00"), "ORDER_NOT_PAYABLE"));
        assertThat(side.appended()).extracting(Appended::payload).first().isEqualTo(new LatePaymentReceived(
                "order-1", Money.of("22.00"), "alipay_app", "T1", NOW));

        String other = place("order-2").payNo();
        String first = request(other).outTradeNo();
        receive(other, first, "T2", "22.00");
        side.appended();
        PaymentReceipt twice = receive(other, first, "T3", "22.00");
        assertThat(twice.paid()).isEmpty();
        assertThat(twice.returned()).containsExactly(new ReturnedShare("order-2", Money.of("22.00"), "ORDER_ALREADY_PAID"));
        assertThat(side.appended()).extracting(Appended::payload).first().isEqualTo(new PaymentRefused("order-2",
                Money.of("22.00"), "alipay_app", "T3", "ORDER_ALREADY_PAID", NOW));
    }

    @Test
    void a_request_from_before_a_price_adjustment_cannot_pay_and_the_new_request_carries_the_new_amount() {
        String payNo = place("order-1").payNo();
        String before = request(payNo).outTradeNo();
        side.send(new AdjustPrice("order-1", SELLER, Money.of("20.00"), null, "老客户"));
        PaymentDue after = request(payNo);
        assertThat(after.outTradeNo()).isEqualTo(payNo + "_2");
        assertThat(after.amount()).isEqualTo(Money.of("20.00"));
        side.appended();

        PaymentReceipt old = receive(payNo, before, "T1", "22.00");
        assertThat(old.returned()).containsExactly(new ReturnedShare("order-1", Money.of("22.00"), "AMOUNT_MISMATCH"));
        List<Appended> appended = side.appended();
        assertThat(appended.get(1).payload()).isInstanceOfSatisfying(PaymentReceived.class,
                r -> assertThat(r.paid()).isEmpty());
        assertThat(receive(payNo, after.outTradeNo(), "T2", "20.00").paid())
                .containsExactly(new OrderShare("order-1", Money.of("20.00")));
    }
}
