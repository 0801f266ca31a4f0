package io.ordersvc.command.order;

import io.ordersvc.command.order.InMemoryCommandSide.Appended;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductEvent.StockReleased;
import io.ordersvc.shared.catalog.ProductEvent.StockReserved;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.catalog.StockChange;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CorrectStockRelease;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderEvent.StockReleaseCorrected;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Correcting a line whose refunds released its stock twice: the order's books and the product move together. */
class StockReconciliationTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Actor ADMIN = new Actor("admin-1", Role.ADMIN, null);

    private InMemoryCommandSide side;
    private String lineId;

    /** A 2-unit line shipped, then returned twice by the code of before: 2 + 2 units released (stock 3 → 7). */
    @BeforeEach
    void doubleReturnStoredBefore() {
        side = new InMemoryCommandSide(Clock.fixed(NOW, ZoneOffset.UTC));
        side.send(new CreateProduct("product-1", "shop-1", "T恤", null, null, List.of(
                new SkuSpec("sku-1", "T", Map.of(), Money.of("10.00"), null, null, 5)), SELLER));
        side.send(new PlaceOrder("order-1", BUYER, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-1", 2)),
                new Receiver("n", "13800138000", "p", "c", "d", "a", null), null));
        side.send(new PayOrder("order-1", Actor.system("gw"), Money.of("20.00"), PaymentChannel.WECHAT, "tx-1"));
        side.send(new ShipOrder("order-1", SELLER, "s-1", "SF", "顺丰", "SF1", List.of()));
        lineId = side.appended().stream().map(Appended::payload).filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast).findFirst().orElseThrow().lines().get(0).lineId();
        long order = 3;
        long product = 2;
        for (int i = 1; i <= 2; i++) {
            side.storeAsBefore("Order", "order-1", order++, new RefundOpened("order-1", "r-" + i, lineId,
                    Money.of("5.00")));
            side.storeAsBefore("Order", "order-1", order++, new LineRefunded("order-1", "r-" + i, lineId,
                    Money.of("5.00"), Money.of("5.00").times(i), false, null, 2, OrderStatus.SHIPPED, NOW, null));
            side.storeAsBefore("Product", "product-1", product++, new StockReleased("product-1", "order-1",
                    List.of(new StockChange("sku-1", 2, 3 + 2L * i)), "returned"));
        }
        side.appended();
    }

    @Test
    void the_units_released_twice_are_taken_back_and_the_order_records_it() {
        side.send(new CorrectStockRelease("order-1", ADMIN, lineId, -2));

        List<Appended> appended = side.appended();
        assertThat(appended).extracting(Appended::payload).containsExactly(
                new StockReserved("product-1", "order-1", List.of(new StockChange("sku-1", 2, 5))),
                new StockReleaseCorrected("order-1", lineId, "product-1", "sku-1", -2, NOW));
    }

    @Test
    void units_sold_since_stay_sold_and_the_order_records_what_was_taken() {
        side.send(new PlaceOrder("order-2", BUYER, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-1", 6)),
                new Receiver("n", "13800138000", "p", "c", "d", "a", null), null));
        side.appended();

        side.send(new CorrectStockRelease("order-1", ADMIN, lineId, -2));

        assertThat(side.appended()).extracting(Appended::payload).containsExactly(
                new StockReserved("product-1", "order-1", List.of(new StockChange("sku-1", 1, 0))),
                new StockReleaseCorrected("order-1", lineId, "product-1", "sku-1", -1, NOW));
    }

    @Test
    void only_an_admin_corrects_stock() {
        assertThatThrownBy(() -> side.send(new CorrectStockRelease("order-1", SELLER, lineId, -2)))
                .isInstanceOf(DomainException.class).hasMessageContaining("may not");
        assertThat(side.appended()).isEmpty();
    }
}
