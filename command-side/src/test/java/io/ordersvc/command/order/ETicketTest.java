package io.ordersvc.command.order;

import io.ordersvc.command.order.InMemoryCommandSide.Appended;
import io.ordersvc.command.ticket.TicketDesk;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.ProductSettings;
import io.ordersvc.shared.catalog.ProductType;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.CreateGroupBuy;
import io.ordersvc.shared.groupbuy.GroupBuyTerms;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.ConfirmReceipt;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.TicketRedeemed;
import io.ordersvc.shared.order.OrderEvent.TicketRefunded;
import io.ordersvc.shared.order.OrderEvent.TicketsExpired;
import io.ordersvc.shared.order.OrderEvent.TicketsIssued;
import io.ordersvc.shared.order.OrderEvent.TicketsOrdered;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.refund.RefundCommand.ApplyRefund;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundType;
import io.ordersvc.shared.ticket.Ticket;
import io.ordersvc.shared.ticket.TicketCommand.ExpireTickets;
import io.ordersvc.shared.ticket.TicketCommand.RedeemTicket;
import io.ordersvc.shared.ticket.TicketCommand.RefundTicket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * E-tickets on an in-memory command side: one ticket per unit issued on payment, redeemed once within its validity
 * by the shop, expired by the timer, refunded while unused; the order is never shipped and completes when every
 * ticket is settled.
 */
class ETicketTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant FROM = NOW.plus(Duration.ofDays(1));
    static final Instant UNTIL = NOW.plus(Duration.ofDays(10));
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-2", Role.SELLER, "shop-2");
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final Actor TIMERS = Actor.system("order-timers");
    static final Receiver RECEIVER = new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null);

    private final GroupBuyingTest.MovingClock clock = new GroupBuyingTest.MovingClock();
    private InMemoryCommandSide side;

    @BeforeEach
    void setUp() {
        side = new InMemoryCommandSide(clock);
        side.send(new CreateProduct("ticket-1", "shop-1", "音乐节门票", null, new ProductSettings(null,
                ProductType.E_TICKET, true, 0, null, null, FROM, UNTIL), List.of(
                new SkuSpec("sku-t", "DAY", Map.of(), Money.of("33.33"), null, null, 20)), SELLER));
        side.send(new CreateProduct("goods-1", "shop-1", "T恤", null, null, List.of(
                new SkuSpec("sku-g", "T", Map.of(), Money.of("20.00"), null, null, 20)), SELLER));
        side.appended();
    }

    private List<Ticket> placeAndPay(String orderId, int units) {
        side.send(new PlaceOrder(orderId, BUYER, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-t", units)),
                RECEIVER, null));
        OrderPlaced placed = of(side.appended(), OrderPlaced.class).get(0);
        side.send(new PayOrder(orderId, Actor.system("gw"), placed.payAmount(), PaymentChannel.WECHAT, "tx-" + orderId));
        return of(side.appended(), TicketsIssued.class).get(0).tickets();
    }

    private static <T> List<T> of(List<Appended> appended, Class<T> type) {
        return appended.stream().map(Appended::payload).filter(type::isInstance).map(type::cast).toList();
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    @Test
    void paying_issues_one_unguessable_ticket_per_unit_each_costing_its_share_to_the_fen() {
        side.send(new PlaceOrder("order-1", BUYER, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-t", 3)),
                RECEIVER, null));
        List<Appended> placed = side.appended();
        assertThat(of(placed, OrderPlaced.class).get(0).shippingFee()).isEqualTo(Money.ZERO);
        assertThat(of(placed, TicketsOrdered.class)).singleElement()
                .satisfies(t -> assertThat(t.lines().get(0).quantity()).isEqualTo(3));
        assertThat(of(placed, TicketsIssued.class)).isEmpty(); // not before it is paid

        side.send(new PayOrder("order-1", Actor.system("gw"), Money.of("99.99"), PaymentChannel.WECHAT, "tx-1"));
        TicketsIssued issued = of(side.appended(), TicketsIssued.class).get(0);
        assertThat(issued.tickets()).hasSize(3).allSatisfy(t -> {
            assertThat(t.code()).matches("[0-9A-HJKMNP-TV-Z]{16}");
            assertThat(t.amount()).isEqualTo(Money.of("33.33"));
            assertThat(t.validUntil()).isEqualTo(UNTIL);
        });
        assertThat(issued.tickets().stream().map(Ticket::code).distinct()).hasSize(3);
        assertThat(issued.expiresAt()).isEqualTo(UNTIL);
        assertThatThrownBy(() -> side.send(new ShipOrder("order-1", SELLER, "s-1", "SF", "顺丰", "SF1", List.of())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ORDER_NOT_SHIPPABLE"));
        assertThatThrownBy(() -> side.send(new ConfirmReceipt("order-1", BUYER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ORDER_NOT_RECEIVABLE"));
    }

    @Test
    void the_shop_redeems_a_ticket_once_and_only_within_its_validity() {
        String ticket = placeAndPay("order-1", 2).get(0).code();
        assertThatThrownBy(() -> side.send(new RedeemTicket(ticket, SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_NOT_YET_VALID"));
        clock.now = FROM;
        assertThatThrownBy(() -> side.send(new RedeemTicket(ticket, OTHER_SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_NOT_FOUND"));
        assertThatThrownBy(() -> side.send(new RedeemTicket(ticket, BUYER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("FORBIDDEN"));
        assertThatThrownBy(() -> side.send(new RedeemTicket("0000000000000000", SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_NOT_FOUND"));
        side.appended();

        TicketDesk.TicketAck used = side.send(new RedeemTicket(ticket, SELLER));
        assertThat(used.status()).isEqualTo(io.ordersvc.shared.ticket.TicketStatus.USED);
        assertThat(of(side.appended(), TicketRedeemed.class)).singleElement()
                .satisfies(r -> assertThat(r.nextExpiry()).isEqualTo(UNTIL));
        assertThatThrownBy(() -> side.send(new RedeemTicket(ticket, SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_ALREADY_USED"));
        clock.now = UNTIL;
        assertThatThrownBy(() -> side.send(new RedeemTicket(ticket, SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_ALREADY_USED"));
    }

    @Test
    void an_unused_ticket_is_refunded_by_its_code_and_the_last_settled_ticket_completes_the_order() {
        List<Ticket> tickets = placeAndPay("order-1", 2);
        clock.now = FROM;
        side.send(new RedeemTicket(tickets.get(0).code(), SELLER));
        side.appended();
        assertThatThrownBy(() -> side.send(new RefundTicket(tickets.get(0).code(), BUYER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_ALREADY_USED"));
        assertThatThrownBy(() -> side.send(new RefundTicket(tickets.get(1).code(), SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("FORBIDDEN"));

        TicketDesk.TicketAck refunded = side.send(new RefundTicket(tickets.get(1).code(), BUYER));
        List<Appended> appended = side.appended();
        assertThat(of(appended, RefundApplied.class)).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(Money.of("33.33"));
            assertThat(r.reason()).isEqualTo(RefundReason.TICKET_RETURNED);
            assertThat(r.refundId()).isEqualTo(refunded.refundId());
        });
        assertThat(of(appended, TicketRefunded.class)).hasSize(1);
        assertThat(of(appended, LineRefunded.class)).singleElement()
                .satisfies(l -> assertThat(l.amount()).isEqualTo(Money.of("33.33")));
        assertThat(of(appended, OrderReceiptConfirmed.class)).singleElement()
                .satisfies(c -> assertThat(c.automatic()).isTrue());
        assertThatThrownBy(() -> side.send(new RefundTicket(tickets.get(1).code(), BUYER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_REFUNDED"));
    }

    @Test
    void unused_tickets_expire_at_the_end_of_their_validity_and_the_order_completes() {
        List<Ticket> tickets = placeAndPay("order-1", 2);
        assertThatThrownBy(() -> side.send(new ExpireTickets("order-1", TIMERS)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NOT_YET_DUE"));
        clock.now = UNTIL;
        assertThatThrownBy(() -> side.send(new RedeemTicket(tickets.get(0).code(), SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_EXPIRED"));
        side.appended();

        side.send(new ExpireTickets("order-1", TIMERS));
        List<Appended> appended = side.appended();
        assertThat(of(appended, TicketsExpired.class)).singleElement().satisfies(e -> {
            assertThat(e.codes()).hasSize(2);
            assertThat(e.nextExpiry()).isNull();
        });
        assertThat(of(appended, OrderReceiptConfirmed.class)).hasSize(1);
        side.send(new ExpireTickets("order-1", TIMERS)); // again: nothing left
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void a_ticket_line_is_not_refunded_by_line_and_tickets_are_ordered_apart_from_goods_and_not_in_groups() {
        placeAndPay("order-1", 1);
        side.send(new PlaceOrder("order-2", BUYER, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-t", 1)),
                RECEIVER, null));
        OrderPlaced placed = of(side.appended(), OrderPlaced.class).get(0);
        side.send(new PayOrder("order-2", Actor.system("gw"), placed.payAmount(), PaymentChannel.WECHAT, "tx-2"));
        assertThatThrownBy(() -> side.send(new ApplyRefund("refund-1", "order-2", placed.lines().get(0).lineId(),
                RefundType.REFUND_ONLY, false, RefundReason.OTHER, Money.of("33.33"), null, List.of(), BUYER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TICKET_REFUND_BY_CODE"));
        assertThatThrownBy(() -> side.send(new PlaceOrder("order-3", BUYER, OrderType.PHYSICAL, List.of(
                new PlaceOrder.Item("sku-t", 1), new PlaceOrder.Item("sku-g", 1)), RECEIVER, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MIXED_TICKET_ORDER"));
        assertThatThrownBy(() -> side.send(new CreateGroupBuy("gb-1", "sku-t", new GroupBuyTerms(Money.of("20.00"), 2,
                Duration.ofHours(2), 0, NOW, NOW.plus(Duration.ofDays(1)), false), SELLER)))
                .satisfies(e -> assertThat(e.getMessage()).contains("e-tickets are not sold in groups"));
    }
}
