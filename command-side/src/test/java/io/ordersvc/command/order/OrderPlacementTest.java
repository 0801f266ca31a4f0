package io.ordersvc.command.order;

import io.ordersvc.command.order.InMemoryCommandSide.Appended;
import io.ordersvc.shared.checkout.CheckoutCommand.SubmitCheckout;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.shared.checkout.CheckoutRequest;
import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderClosed;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundCommand.ApproveRefund;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.AdjustBalance;
import io.ordersvc.shared.wallet.WalletCommand.AdjustPoints;
import io.ordersvc.shared.wallet.WalletEvent.BalanceReturned;
import io.ordersvc.shared.wallet.WalletEvent.PointsUnfrozen;
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
 * The commands that change several aggregates in one unit of work, on an in-memory store: every stream each one
 * appends to, and nothing else.
 */
class OrderPlacementTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Receiver RECEIVER = new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null);

    private InMemoryCommandSide side;

    @BeforeEach
    void setUp() {
        side = new InMemoryCommandSide(Clock.fixed(NOW, ZoneOffset.UTC));
        // product-b sorts before product-z: stock is taken in product id order, whatever the order of the items
        side.send(new CreateProduct("product-z", "shop-1", "T恤", null, null, List.of(
                new SkuSpec("sku-z", "Z", Map.of(), Money.of("22.00"), null, null, 5)), SELLER));
        side.send(new CreateProduct("product-b", "shop-1", "帽子", null, null, List.of(
                new SkuSpec("sku-b", "B", Map.of(), Money.of("10.50"), null, null, 1)), SELLER));
        side.send(new CreateProduct("product-p", "shop-2", "积分茶", null, null, List.of(
                new SkuSpec("sku-p", "P", Map.of(), Money.of("30.00"), null, 500L, 10, 0, Money.of("10.00"), 0)),
                new Actor("seller-2", Role.SELLER, "shop-2")));
        side.appended();
    }

    private CheckoutPlaced.PlacedOrder place(String orderId, int hats) {
        return side.send(new PlaceOrder(orderId, BUYER, OrderType.PHYSICAL, List.of(
                new PlaceOrder.Item("sku-z", 2), new PlaceOrder.Item("sku-b", hats)), RECEIVER, null));
    }

    @Test
    void placing_takes_stock_from_each_product_in_id_order_and_then_appends_the_order() {
        CheckoutPlaced.PlacedOrder placement = place("order-1", 1);

        List<Appended> appended = side.appended();
        assertThat(appended).extracting(Appended::aggregateId).containsExactly("product-b", "product-z", "order-1",
                "pay-" + placement.payNo());
        assertThat(appended.get(0).payload()).isEqualTo(new StockReserved("product-b", "order-1",
                List.of(new StockChange("sku-b", 1, 0))));
        assertThat(appended.get(1).payload()).isEqualTo(new StockReserved("product-z", "order-1",
                List.of(new StockChange("sku-z", 2, 3))));
        OrderPlaced placed = (OrderPlaced) appended.get(2).payload();
        assertThat(placed.lines()).extracting(l -> l.skuId() + ":" + l.lineTotal())
                .containsExactly("sku-z:44.00", "sku-b:10.50");
        assertThat(placed.lines()).extracting(l -> l.lineId()).containsExactly(
                "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002");
        assertThat(placement.payAmount()).isEqualTo(Money.of("54.50"));
        assertThat(placement.version()).isZero();
    }

    @Test
    void a_refused_placement_appends_to_no_stream_at_all() {
        assertThatThrownBy(() -> place("order-1", 2)).isInstanceOf(DomainException.class)
                .hasMessageContaining("sku-b has 1 left");
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void cancelling_appends_to_the_order_and_gives_each_product_its_units_back() {
        place("order-1", 1);
        side.appended();

        side.send(new CancelOrder("order-1", BUYER, "changed my mind"));

        List<Appended> appended = side.appended();
        assertThat(appended).extracting(a -> a.aggregateId() + " " + a.payload().getClass().getSimpleName())
                .containsExactly("order-1 OrderCancelled", "product-b StockReleased", "product-z StockReleased");
        assertThat(((OrderCancelled) appended.get(0).payload()).reason()).isEqualTo("changed my mind");
        assertThat(appended.get(1).payload()).isEqualTo(new StockReleased("product-b", "order-1",
                List.of(new StockChange("sku-b", 1, 1)), "order_cancelled"));
    }

    @Test
    void a_refund_before_shipping_changes_the_refund_the_order_and_the_product_in_that_order() {
        place("order-1", 1);
        side.send(new PayOrder("order-1", Actor.system("gw"), Money.of("54.50"), PaymentChannel.WECHAT, "tx-1"));
        OrderPlaced placed = side.appended().stream().map(Appended::payload)
                .filter(OrderPlaced.class::isInstance).map(OrderPlaced.class::cast).findFirst().orElseThrow();
        String hatLine = placed.lines().get(1).lineId();

        side.send(new ApplyRefund("refund-1", "order-1", hatLine, RefundType.REFUND_ONLY, false,
                RefundReason.OTHER, Money.of("10.50"), null, null, BUYER));
        assertThat(side.appended()).extracting(a -> a.aggregateId() + " " + a.payload().getClass().getSimpleName())
                .containsExactly("order-1 RefundOpened", "refund-1 RefundApplied");

        side.send(new ApproveRefund("refund-1", null, null, SELLER));
        List<Appended> appended = side.appended();
        assertThat(appended).extracting(a -> a.aggregateId() + " " + a.payload().getClass().getSimpleName())
                .containsExactly("refund-1 RefundCompleted", "order-1 LineRefunded", "refund-1 RefundPaidBack",
                        "product-b StockReleased");
        assertThat(((LineRefunded) appended.get(1).payload()).releasedQuantity()).isEqualTo(1);
        assertThat(appended).extracting(Appended::payload).noneMatch(OrderClosed.class::isInstance);
    }

    @Test
    void points_and_balance_are_taken_with_the_orders_and_a_cancellation_gives_them_back_once() {
        Actor admin = new Actor("admin-1", Role.ADMIN, null);
        side.send(new AdjustPoints(WalletCommand.walletId("buyer-1"), "buyer-1", 2000, "grant", admin));
        side.send(new AdjustBalance(WalletCommand.walletId("buyer-1"), "buyer-1", Money.of("50.00"), "top-up", admin));
        side.appended();
        CheckoutRequest request = new CheckoutRequest(OrderType.PHYSICAL, List.of(new CheckoutRequest.Item("sku-p", 2),
                new CheckoutRequest.Item("sku-z", 1)), RECEIVER, null, null, null, 1500, Money.of("12.00"), null,
                null, null, null);
        CheckoutPlaced placed = side.send(new SubmitCheckout(request, false, BUYER));

        List<Appended> appended = side.appended();
        assertThat(appended).extracting(Appended::aggregateType)
                .as("the wallet is taken from with the stock and the orders, in one unit of work")
                .containsExactly("Product", "Product", "Wallet", "Wallet", "Wallet", "Order", "Order", "Payment");
        PriceBreakdown tea = placed.orders().stream().filter(o -> o.shopId().equals("shop-2")).findFirst()
                .orElseThrow().price();
        assertThat(tea.pointsUsed()).as("only the tea's lines may be paid with points: ¥15.00 of its ¥20.00 cap")
                .isEqualTo(1500);
        assertThat(tea.pointsAmount()).isEqualTo(Money.of("15.00"));
        assertThat(placed.payAmount()).isEqualTo(Money.of("60.00").plus(Money.of("22.00"))
                .minus(Money.of("15.00")).minus(Money.of("12.00")));
        String teaOrder = placed.orders().stream().filter(o -> o.shopId().equals("shop-2")).findFirst()
                .orElseThrow().orderId();

        side.send(new CancelOrder(teaOrder, BUYER, "不想要了"));
        List<Object> back = side.appended().stream().filter(a -> a.aggregateType().equals("Wallet"))
                .map(Appended::payload).toList();
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isInstanceOf(PointsUnfrozen.class);
        assertThat(((PointsUnfrozen) back.get(0)).points()).isEqualTo(1500);
        assertThat(((BalanceReturned) back.get(1)).amount()).isEqualTo(tea.balanceAmount());
        assertThatThrownBy(() -> side.send(new CancelOrder(teaOrder, BUYER, "again")))
                .isInstanceOf(DomainException.class);
        assertThat(side.appended()).as("nothing given back twice").isEmpty();
    }
}
