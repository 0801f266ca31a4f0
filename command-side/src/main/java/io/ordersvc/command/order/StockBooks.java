package io.ordersvc.command.order;

import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.StockReleaseCorrected;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.ShipmentLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an order's refunds should have given back to stock, line by line, against what they did: a pure fold of
 * the order's events. A return gives back the shipped units not returned before; the payout that fully refunds a
 * line also gives back its units never shipped. Before session 6 a second return gave the shipped units back again,
 * and a return that fully refunded a line never gave back its unshipped units.
 */
final class StockBooks {

    /** Units to give back to stock (above 0) or take back (below 0) on one line. */
    record Difference(String orderLineId, String productId, String skuId, int delta) {
    }

    private static final class Line {
        final OrderLine placed;
        int shipped;
        int returned;
        Money refunded = Money.ZERO;
        int released;
        int due;

        Line(OrderLine placed) {
            this.placed = placed;
        }
    }

    private StockBooks() {
    }

    /**
     * @param events         the order's events, oldest first
     * @param returnedGoods  whether a refund (by id) came with goods returned: return_and_refund refunds are paid
     *                       out only when the goods are back
     */
    static List<Difference> differences(List<?> events, Predicate<String> returnedGoods) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (Object event : events) {
            if (event instanceof OrderPlaced e) {
                e.lines().forEach(l -> lines.put(l.lineId(), new Line(l)));
            } else if (event instanceof OrderShipped e) {
                for (ShipmentLine s : e.lines()) {
                    lines.get(s.orderLineId()).shipped += s.quantity();
                }
            } else if (event instanceof OrderCancelled) {
                return List.of(); // nothing shipped or refunded; every unit went back once
            } else if (event instanceof LineRefunded e) {
                Line l = lines.get(e.orderLineId());
                int returned = returnedGoods.test(e.refundId()) ? l.shipped - l.returned : 0;
                boolean wasFull = l.refunded.compareTo(l.placed.paidAmount()) >= 0;
                l.refunded = l.refunded.plus(e.amount());
                boolean full = l.refunded.compareTo(l.placed.paidAmount()) >= 0;
                l.returned += returned;
                l.due += returned + (full && !wasFull ? l.placed.quantity() - l.shipped : 0);
                l.released += e.releasedQuantity();
            } else if (event instanceof StockReleaseCorrected e) {
                lines.get(e.orderLineId()).released += e.delta();
            }
        }
        List<Difference> differences = new ArrayList<>();
        lines.forEach((id, l) -> {
            if (l.due != l.released) {
                differences.add(new Difference(id, l.placed.productId(), l.placed.skuId(), l.due - l.released));
            }
        });
        return differences;
    }
}
