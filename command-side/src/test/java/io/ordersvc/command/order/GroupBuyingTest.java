package io.ordersvc.command.order;

import io.ordersvc.command.order.InMemoryCommandSide.Appended;
import io.ordersvc.shared.catalog.ProductCommand.CreateProduct;
import io.ordersvc.shared.catalog.SkuSpec;
import io.ordersvc.shared.checkout.CheckoutPlaced;
import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.CreateGroupBuy;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.ExpireGroup;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.RecordSeatPaid;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.ReleaseSeat;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.SettleGroupOrder;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.BuyerUnitsHeld;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.BuyerUnitsReleased;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupFailed;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupOpened;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.GroupSucceeded;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatPaid;
import io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatTaken;
import io.ordersvc.shared.groupbuy.GroupBuyTerms;
import io.ordersvc.shared.groupbuy.GroupRole;
import io.ordersvc.shared.groupbuy.GroupStatus;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderCommand.CancelOrder;
import io.ordersvc.shared.order.OrderCommand.PayOrder;
import io.ordersvc.shared.order.OrderCommand.PlaceOrder;
import io.ordersvc.shared.order.OrderCommand.ShipOrder;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderGroupSeatPaid;
import io.ordersvc.shared.order.OrderEvent.OrderGroupSettled;
import io.ordersvc.shared.order.OrderEvent.OrderJoinedGroup;
import io.ordersvc.shared.order.OrderEvent.OrderLeftGroup;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group buying on an in-memory command side: a campaign, groups opened and joined through ordinary placements, seats
 * paid, a group's success or failure carried to its orders (the steps the group sweep sends are sent here by hand).
 */
class GroupBuyingTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-2", Role.SELLER, "shop-2");
    static final Actor SWEEP = Actor.system("group-sweep");
    static final Receiver RECEIVER = new Receiver("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路1号", null);

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private InMemoryCommandSide side;

    @BeforeEach
    void setUp() {
        side = new InMemoryCommandSide(clock);
        side.send(new CreateProduct("product-1", "shop-1", "水果礼盒", null, null, List.of(
                new SkuSpec("sku-1", "BOX", Map.of(), Money.of("99.00"), null, null, 50)), SELLER));
        side.appended();
    }

    private static Actor buyer(int n) {
        return new Actor("buyer-" + n, Role.BUYER, null);
    }

    private void campaign(int size, int limit, boolean autoFill) {
        side.send(new CreateGroupBuy("gb-1", "sku-1", new GroupBuyTerms(Money.of("59.90"), size,
                Duration.ofHours(2), limit, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), autoFill), SELLER));
        side.appended();
    }

    private CheckoutPlaced.PlacedOrder open(String orderId, Actor buyer, int units) {
        return side.send(new PlaceOrder(orderId, buyer, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-1",
                units)), RECEIVER, null, null, null, null, null, new PlaceOrder.GroupChoice("gb-1", null)));
    }

    private CheckoutPlaced.PlacedOrder join(String orderId, Actor buyer, String groupId) {
        return side.send(new PlaceOrder(orderId, buyer, OrderType.PHYSICAL, List.of(new PlaceOrder.Item("sku-1", 1)),
                RECEIVER, null, null, null, null, null, new PlaceOrder.GroupChoice(null, groupId)));
    }

    private void pay(String orderId, Money amount) {
        side.send(new PayOrder(orderId, Actor.system("gw"), amount, PaymentChannel.WECHAT, "tx-" + orderId));
    }

    private static <T> List<T> of(List<Appended> appended, Class<T> type) {
        return appended.stream().map(Appended::payload).filter(type::isInstance).map(type::cast).toList();
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    @Test
    void a_group_order_is_placed_at_the_group_price_ships_free_and_opens_a_group_with_its_deadline() {
        campaign(3, 0, false);
        CheckoutPlaced.PlacedOrder placed = open("order-1", buyer(1), 2);

        assertThat(placed.payAmount()).isEqualTo(Money.of("119.80"));
        assertThat(placed.shippingFee()).isEqualTo(Money.ZERO);
        assertThat(placed.group().status()).isEqualTo(GroupStatus.FORMING);
        List<Appended> appended = side.appended();
        OrderPlaced order = of(appended, OrderPlaced.class).get(0);
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(Money.of("59.90"));
        // a group order holds its seat unpaid for 15 minutes, not the day of an ordinary order
        assertThat(order.payableUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        GroupOpened opened = of(appended, GroupOpened.class).get(0);
        assertThat(opened.deadline()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(of(appended, SeatTaken.class)).singleElement().satisfies(s -> {
            assertThat(s.role()).isEqualTo(GroupRole.LEADER);
            assertThat(s.name()).isEqualTo("张*");
        });
        assertThat(of(appended, OrderJoinedGroup.class)).singleElement()
                .satisfies(j -> assertThat(j.groupId()).isEqualTo(opened.groupId()));
        assertThat(of(appended, BuyerUnitsHeld.class)).singleElement().satisfies(h -> assertThat(h.units()).isEqualTo(2));
    }

    @Test
    void only_the_shops_seller_runs_a_group_buy_and_its_terms_are_checked() {
        assertThatThrownBy(() -> side.send(new CreateGroupBuy("gb-x", "sku-1", new GroupBuyTerms(Money.of("59.90"), 3,
                Duration.ofHours(24), 0, NOW, NOW.plus(Duration.ofDays(1)), false), OTHER_SELLER)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("FORBIDDEN"));
        assertThatThrownBy(() -> side.send(new CreateGroupBuy("gb-x", "sku-1", new GroupBuyTerms(Money.of("99.00"), 1,
                Duration.ofMinutes(1), 0, NOW, NOW.plus(Duration.ofDays(1)), false), SELLER)))
                .satisfies(e -> assertThat(e.getMessage()).contains("group_price").contains("group_size")
                        .contains("duration"));
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void others_join_once_the_leader_paid_and_a_full_group_refuses_the_next_order_before_it_is_paid() {
        campaign(2, 0, false);
        String group = open("order-1", buyer(1), 1).group().groupId();
        assertThatThrownBy(() -> join("order-2", buyer(2), group))
                .satisfies(e -> assertThat(code(e)).isEqualTo("GROUP_NOT_OPEN"));
        pay("order-1", Money.of("59.90"));
        assertThat(of(side.appended(), OrderGroupSeatPaid.class)).hasSize(1);
        side.send(new RecordSeatPaid(group, "order-1", SWEEP));
        assertThatThrownBy(() -> join("order-2", buyer(1), group))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ALREADY_IN_GROUP"));

        join("order-2", buyer(2), group);
        assertThatThrownBy(() -> join("order-3", buyer(3), group))
                .satisfies(e -> assertThat(code(e)).isEqualTo("GROUP_FULL"));
        side.appended();
        assertThatThrownBy(() -> side.send(new ShipOrder("order-1", SELLER, "s-1", "SF", "顺丰", "SF1", List.of())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("GROUP_FORMING"));
    }

    @Test
    void the_last_seat_paid_makes_the_group_succeed_and_its_orders_shippable() {
        campaign(2, 0, false);
        String group = open("order-1", buyer(1), 1).group().groupId();
        pay("order-1", Money.of("59.90"));
        side.send(new RecordSeatPaid(group, "order-1", SWEEP));
        join("order-2", buyer(2), group);
        pay("order-2", Money.of("59.90"));
        side.appended();

        side.send(new RecordSeatPaid(group, "order-2", SWEEP));
        side.send(new RecordSeatPaid(group, "order-2", SWEEP)); // the step again changes nothing
        List<Appended> appended = side.appended();
        assertThat(of(appended, SeatPaid.class)).hasSize(1);
        assertThat(of(appended, GroupSucceeded.class)).singleElement()
                .satisfies(s -> assertThat(s.orderIds()).containsExactly("order-1", "order-2"));

        side.send(new SettleGroupOrder("order-1", group, GroupStatus.SUCCEEDED, SWEEP));
        side.send(new SettleGroupOrder("order-1", group, GroupStatus.SUCCEEDED, SWEEP));
        assertThat(of(side.appended(), OrderGroupSettled.class)).hasSize(1);
        side.send(new ShipOrder("order-1", SELLER, "s-1", "SF", "顺丰", "SF1", List.of()));
        assertThat(of(side.appended(), OrderShipped.class)).hasSize(1);
    }

    @Test
    void a_group_past_its_deadline_fails_its_paid_order_is_refunded_in_full_and_its_unpaid_order_cancelled() {
        campaign(3, 0, false);
        String group = open("order-1", buyer(1), 1).group().groupId();
        pay("order-1", Money.of("59.90"));
        side.send(new RecordSeatPaid(group, "order-1", SWEEP));
        join("order-2", buyer(2), group);
        side.appended();
        assertThatThrownBy(() -> side.send(new ExpireGroup(group, SWEEP)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NOT_YET_DUE"));

        clock.now = NOW.plus(Duration.ofHours(2));
        side.send(new ExpireGroup(group, SWEEP));
        assertThat(of(side.appended(), GroupFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.orderIds()).containsExactly("order-1", "order-2");
            assertThat(f.reason()).isEqualTo("deadline");
        });

        side.send(new SettleGroupOrder("order-1", group, GroupStatus.FAILED, SWEEP));
        List<Appended> refunded = side.appended();
        assertThat(of(refunded, RefundApplied.class)).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(Money.of("59.90"));
            assertThat(r.reason()).isEqualTo(RefundReason.GROUP_FAILED);
        });
        assertThat(of(refunded, LineRefunded.class)).singleElement()
                .satisfies(r -> assertThat(r.releasedQuantity()).isEqualTo(1));
        assertThat(of(refunded, OrderLeftGroup.class)).hasSize(1);

        side.send(new SettleGroupOrder("order-2", group, GroupStatus.FAILED, SWEEP));
        List<Appended> cancelled = side.appended();
        assertThat(of(cancelled, OrderCancelled.class)).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("group_failed"));
        assertThat(of(cancelled, OrderLeftGroup.class)).hasSize(1);
        side.send(new SettleGroupOrder("order-2", group, GroupStatus.FAILED, SWEEP));
        assertThat(side.appended()).isEmpty();
    }

    @Test
    void an_auto_filled_group_whose_leader_paid_succeeds_at_its_deadline() {
        campaign(3, 0, true);
        String group = open("order-1", buyer(1), 1).group().groupId();
        pay("order-1", Money.of("59.90"));
        side.send(new RecordSeatPaid(group, "order-1", SWEEP));
        join("order-2", buyer(2), group);
        side.appended();

        clock.now = NOW.plus(Duration.ofHours(2));
        side.send(new ExpireGroup(group, SWEEP));
        assertThat(of(side.appended(), GroupSucceeded.class)).singleElement().satisfies(s -> {
            assertThat(s.orderIds()).containsExactly("order-1");
            assertThat(s.cancelled()).containsExactly("order-2");
            assertThat(s.filled()).isEqualTo(2);
        });
    }

    @Test
    void a_seat_nobody_pays_for_goes_back_to_the_group_when_its_order_expires_after_fifteen_minutes() {
        campaign(2, 0, false);
        String group = open("order-1", buyer(1), 1).group().groupId();
        pay("order-1", Money.of("59.90"));
        side.send(new RecordSeatPaid(group, "order-1", SWEEP));
        join("order-2", buyer(2), group);
        assertThatThrownBy(() -> join("order-3", buyer(3), group))
                .satisfies(e -> assertThat(code(e)).isEqualTo("GROUP_FULL"));
        side.appended();

        clock.now = NOW.plus(Duration.ofMinutes(15));
        side.send(new io.ordersvc.shared.order.OrderCommand.ExpireOrder("order-2", Actor.system("order-timers")));
        OrderLeftGroup left = of(side.appended(), OrderLeftGroup.class).get(0);
        side.send(new ReleaseSeat(left.groupBuyId(), left.groupId(), "order-2", SWEEP));
        assertThat(of(side.appended(), io.ordersvc.shared.groupbuy.GroupBuyEvent.SeatReleased.class)).hasSize(1);
        join("order-3", buyer(3), group); // the seat is free again, an hour and three quarters before the deadline
    }

    @Test
    void a_buyer_takes_no_more_than_the_limit_in_the_whole_campaign_until_an_order_leaves() {
        campaign(2, 2, false);
        open("order-1", buyer(1), 2);
        assertThatThrownBy(() -> open("order-2", buyer(1), 1))
                .satisfies(e -> assertThat(code(e)).isEqualTo("GROUP_BUY_LIMIT_EXCEEDED"));
        side.appended();

        side.send(new CancelOrder("order-1", buyer(1), "changed my mind"));
        OrderLeftGroup left = of(side.appended(), OrderLeftGroup.class).get(0);
        side.send(new ReleaseSeat(left.groupBuyId(), left.groupId(), "order-1", SWEEP));
        List<Appended> released = side.appended();
        assertThat(of(released, BuyerUnitsReleased.class)).singleElement()
                .satisfies(r -> assertThat(r.units()).isEqualTo(2));
        assertThat(of(released, GroupFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("leader_left"));
        open("order-2", buyer(1), 1);
    }

    @Test
    void a_group_order_names_one_of_the_campaigns_sku_and_a_group_or_a_campaign() {
        campaign(2, 0, false);
        assertThatThrownBy(() -> side.send(new PlaceOrder("order-1", buyer(1), OrderType.PHYSICAL,
                List.of(new PlaceOrder.Item("sku-1", 1)), RECEIVER, null, null, null, null, null,
                new PlaceOrder.GroupChoice("gb-1", "g-1"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_GROUP_CHOICE"));
        side.send(new CreateProduct("product-2", "shop-1", "茶叶", null, null, List.of(
                new SkuSpec("sku-2", "TEA", Map.of(), Money.of("30.00"), null, null, 50)), SELLER));
        assertThatThrownBy(() -> side.send(new PlaceOrder("order-1", buyer(1), OrderType.PHYSICAL,
                List.of(new PlaceOrder.Item("sku-2", 1)), RECEIVER, null, null, null, null, null,
                new PlaceOrder.GroupChoice("gb-1", null))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("SKU_NOT_IN_GROUP_BUY"));
        assertThatThrownBy(() -> side.send(new PlaceOrder("order-1", buyer(1), OrderType.PHYSICAL,
                List.of(new PlaceOrder.Item("sku-1", 1)), RECEIVER, null, null, null, null, null,
                new PlaceOrder.GroupChoice(null, "no-such-group"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("GROUP_NOT_FOUND"));
    }
}
