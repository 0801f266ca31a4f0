package io.ordersvc.command.order;

import io.ordersvc.command.order.StockBooks.Difference;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.StockReleaseCorrected;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What refunds stored before the fix released, against what they should have. */
class StockBooksTest {

    static final Instant T = Instant.parse("2026-11-22T08:00:00Z");
    static final Set<String> RETURNS = Set.of("return-1", "return-2");

    static OrderPlaced placed(int quantity) {
        return new OrderPlaced("o-1", "20261122080000000000", "b", "s", OrderType.PHYSICAL, List.of(new OrderLine(
                "l-1", "p-1", "sku-1", "S", "T恤", null, Map.of(), Money.of("10.00"), null, quantity,
                Money.of("10.00").times(quantity))), new Receiver("n", "p", "p", "c", "d", "a", null), null,
                Money.of("10.00").times(quantity), Money.ZERO, Money.ZERO, Money.of("10.00").times(quantity), 0, 0,
                T, T.plusSeconds(86400));
    }

    static OrderShipped shipped(int units) {
        return new OrderShipped("o-1", "s-" + units, "SF", "顺丰", "SF1", List.of(new ShipmentLine("l-1", units)),
                false, T, null);
    }

    /** A stored LineRefunded of before the fix: no returned quantity. */
    static LineRefunded legacy(String refundId, String amount, String total, boolean full, int released) {
        return new LineRefunded("o-1", refundId, "l-1", Money.of(amount), Money.of(total), full, null, released,
                OrderStatus.SHIPPED, T, null);
    }

    static List<Difference> differences(Object... events) {
        return StockBooks.differences(List.of(events), RETURNS::contains);
    }

    @Test
    void a_second_return_that_gave_the_shipped_units_back_again_is_taken_back() {
        assertThat(differences(placed(2), shipped(2), legacy("return-1", "5.00", "5.00", false, 2),
                legacy("return-2", "5.00", "10.00", false, 2)))
                .containsExactly(new Difference("l-1", "p-1", "sku-1", -2));
    }

    @Test
    void a_return_that_fully_refunded_a_line_never_shipped_gives_its_units_back() {
        assertThat(differences(placed(3), legacy("return-1", "30.00", "30.00", true, 0)))
                .containsExactly(new Difference("l-1", "p-1", "sku-1", 3));
    }

    @Test
    void a_return_that_fully_refunded_a_partly_shipped_line_gives_back_what_never_shipped() {
        assertThat(differences(placed(3), shipped(1), legacy("return-1", "30.00", "30.00", true, 1)))
                .containsExactly(new Difference("l-1", "p-1", "sku-1", 2));
    }

    @Test
    void refunds_that_released_the_right_units_need_nothing() {
        assertThat(differences(placed(2), shipped(2), legacy("return-1", "20.00", "20.00", true, 2))).isEmpty();
        assertThat(differences(placed(3), shipped(1), legacy("money-1", "30.00", "30.00", true, 2))).isEmpty();
        assertThat(differences(placed(2), shipped(2), legacy("money-1", "5.00", "5.00", false, 0),
                legacy("return-1", "5.00", "10.00", false, 2))).isEmpty();
        assertThat(differences(placed(2), new OrderCancelled("o-1", "x", T))).isEmpty();
    }

    @Test
    void a_line_once_corrected_needs_nothing_more() {
        assertThat(differences(placed(2), shipped(2), legacy("return-1", "5.00", "5.00", false, 2),
                legacy("return-2", "5.00", "10.00", false, 2),
                new StockReleaseCorrected("o-1", "l-1", "p-1", "sku-1", -2, T))).isEmpty();
    }
}
