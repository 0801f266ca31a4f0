package io.ordersvc.command.order;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.RefundEnded;
import io.ordersvc.shared.order.OrderEvent.RefundOpened;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.ShipmentLine;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order's lines as the order needs them: what is shipped, what is refunded, which refund is open, what stock to
 * give back. An aggregate member of {@link Order}: it answers questions and folds events; Order decides and applies.
 */
class OrderLines {

    private final Map<String, Line> lines = new LinkedHashMap<>();

    /**
     * @param total    what was paid for the line (its list total less its discount share): refunds never exceed it
     * @param returned shipped units that came back with a return (they are in stock again; a later return of the same
     *                 line has only the rest to give back)
     */
    record Line(String productId, String skuId, String productName, int quantity, int shipped, int returned,
                Money total, Money refunded, String openRefundId, Money openRefundAmount) {
        /** Units still to ship: none once the line is fully refunded. */
        int remaining() {
            return fullyRefunded() ? 0 : quantity - shipped;
        }

        boolean fullyRefunded() {
            return total.isPositive() && refunded.compareTo(total) >= 0;
        }

        Money refundable() {
            return total.minus(refunded);
        }

        Line shipped(int more) {
            return new Line(productId, skuId, productName, quantity, shipped + more, returned, total, refunded,
                    openRefundId, openRefundAmount);
        }

        Line withOpenRefund(String refundId, Money amount) {
            return new Line(productId, skuId, productName, quantity, shipped, returned, total, refunded, refundId,
                    amount);
        }

        Line refundedBy(Money amount, int moreReturned) {
            return new Line(productId, skuId, productName, quantity, shipped, returned + moreReturned, total,
                    refunded.plus(amount), null, null);
        }
    }

    /**
     * What paying a refund out does to the lines: the event's numbers and the stock to give back. returned: the
     * shipped units this refund's return brought back; released: those plus, when this payout makes the line fully
     * refunded, its units never shipped.
     */
    record Settlement(String lineId, Line line, Line after, int returned, int released, boolean nothingLeftToShip,
                      boolean allRefunded) {
        Map<String, Map<String, Integer>> stockBack() {
            return released == 0 ? Map.of() : Map.of(line.productId(), Map.of(line.skuId(), released));
        }
    }

    /** The lines of a shipment: the requested ones, checked, or everything not yet shipped. */
    List<ShipmentLine> shipment(List<ShipmentLine> requested) {
        List<ShipmentLine> shipping = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            lines.forEach((id, line) -> {
                if (line.remaining() > 0) {
                    shipping.add(new ShipmentLine(id, line.remaining()));
                }
            });
            return shipping;
        }
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (ShipmentLine s : requested) {
            Line line = line(s.orderLineId());
            int total = totals.merge(s.orderLineId(), s.quantity(), Integer::sum);
            if (s.quantity() <= 0 || total > line.remaining()) {
                throw Refusal.unprocessable("SHIP_QUANTITY_EXCEEDS",
                        "line " + s.orderLineId() + " has " + line.remaining() + " left to ship");
            }
        }
        totals.forEach((id, qty) -> shipping.add(new ShipmentLine(id, qty)));
        return shipping;
    }

    boolean allShippedWith(List<ShipmentLine> shipping) {
        return lines.values().stream().mapToInt(Line::remaining).sum()
                == shipping.stream().mapToInt(ShipmentLine::quantity).sum();
    }

    boolean anyRefundOpen() {
        return lines.values().stream().anyMatch(l -> l.openRefundId() != null);
    }

    boolean anyRefundOpenBesides(String refundId) {
        return lines.values().stream().anyMatch(l -> l.openRefundId() != null && !l.openRefundId().equals(refundId));
    }

    /** All the order's units, per product and SKU: what a cancelled order gives back. */
    Map<String, Map<String, Integer>> allUnits() {
        Map<String, Map<String, Integer>> units = new LinkedHashMap<>();
        lines.values().forEach(l -> units.computeIfAbsent(l.productId(), p -> new LinkedHashMap<>())
                .merge(l.skuId(), l.quantity(), Integer::sum));
        return units;
    }

    /** What was paid for every line (their paid_amount: the most refunds may return). */
    Money paidTotal() {
        return lines.values().stream().map(Line::total).reduce(Money.ZERO, Money::plus);
    }

    /** What was paid for a line (its refunds never exceed it). */
    Money paid(String lineId) {
        return line(lineId).total();
    }

    /** Each line without an open refund and what is left to refund of it, when something is. */
    Map<String, Money> refundableLines() {
        Map<String, Money> left = new LinkedHashMap<>();
        lines.forEach((id, line) -> {
            if (line.openRefundId() == null && line.refundable().isPositive()) {
                left.put(id, line.refundable());
            }
        });
        return left;
    }

    /** What every line had refunded. */
    Money refundedTotal() {
        return lines.values().stream().map(Line::refunded).reduce(Money.ZERO, Money::plus);
    }

    /** The line a refund may be applied for, with this amount. */
    Line refundable(String lineId, Money amount) {
        Line line = line(lineId);
        if (line.openRefundId() != null) {
            throw Refusal.conflict("REFUND_ALREADY_OPEN", "line has open refund " + line.openRefundId());
        }
        if (!amount.isPositive() || amount.compareTo(line.refundable()) > 0) {
            throw Refusal.unprocessable("REFUND_EXCEEDS_REFUNDABLE", "amount must be above 0 and at most "
                    + line.refundable() + " on this line");
        }
        return line;
    }

    String lineOf(String refundId) {
        return lines.entrySet().stream().filter(e -> refundId.equals(e.getValue().openRefundId()))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> Refusal.conflict("REFUND_NOT_OPEN", "refund " + refundId + " is not open"));
    }

    /**
     * Paying the open refund out. A return gives back the shipped units not returned before; the payout that makes
     * the line fully refunded also gives back the units never shipped; money alone gives back nothing else.
     */
    Settlement settle(String refundId, boolean goodsReturned) {
        String lineId = lineOf(refundId);
        Line line = lines.get(lineId);
        int returned = goodsReturned ? line.shipped() - line.returned() : 0;
        Line after = line.refundedBy(line.openRefundAmount(), returned);
        int neverShipped = after.fullyRefunded() && !line.fullyRefunded() ? line.quantity() - line.shipped() : 0;
        int released = returned + neverShipped;
        var linesAfter = new LinkedHashMap<>(lines);
        linesAfter.put(lineId, after);
        boolean nothingLeftToShip = linesAfter.values().stream().noneMatch(l -> l.remaining() > 0)
                && linesAfter.values().stream().anyMatch(l -> l.shipped() > 0);
        // Lines nothing was paid for (free gifts) follow the lines that were: they take no refund of their own.
        boolean allRefunded = linesAfter.values().stream().filter(l -> l.total().isPositive())
                .allMatch(Line::fullyRefunded) && linesAfter.values().stream().anyMatch(l -> l.total().isPositive());
        return new Settlement(lineId, line, after, returned, released, nothingLeftToShip, allRefunded);
    }

    Line line(String lineId) {
        Line line = lines.get(lineId);
        if (line == null) {
            throw Refusal.unprocessable("UNKNOWN_ORDER_LINE", "order has no line " + lineId);
        }
        return line;
    }

    boolean anyShipped() {
        return lines.values().stream().anyMatch(l -> l.shipped() > 0);
    }

    /** The lines left to ship (a line fully refunded before shipping ships nothing). */
    List<Order.Unshipped> unshipped() {
        return lines.values().stream().filter(l -> l.remaining() > 0)
                .map(l -> new Order.Unshipped(l.productId(), l.skuId(), l.remaining(), l.refundable())).toList();
    }

    /**
     * What taking {@code off} off the goods does to each line (negative: adding to them): apportioned to what is
     * paid for the lines, to the fen, the remainder on the largest, never more than a line's paid amount.
     *
     * @throws Refusal 422 ADJUSTMENT_TOO_LARGE when the lines together are paid less than that
     */
    Map<String, Money> adjustment(Money off) {
        if (off.amount().signum() == 0) {
            return Map.of();
        }
        List<String> ids = new ArrayList<>(lines.keySet());
        List<Money> paid = ids.stream().map(id -> lines.get(id).total()).toList();
        Money goods = paid.stream().reduce(Money.ZERO, Money::plus);
        Money size = off.isNegative() ? Money.ZERO.minus(off) : off;
        if (size.compareTo(goods) > 0) {
            throw Refusal.unprocessable("ADJUSTMENT_TOO_LARGE", "the goods are paid " + goods + "; an adjustment "
                    + "of the pay amount moves at most that (change shipping_fee for the rest)")
                    .with("goods_paid", goods);
        }
        List<Money> shares = io.ordersvc.shared.checkout.Apportion.split(size, paid);
        Map<String, Money> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), off.isNegative() ? Money.ZERO.minus(shares.get(i)) : shares.get(i));
        }
        return out;
    }

    @EventSourcingHandler
    void on(io.ordersvc.shared.order.OrderEvent.PriceAdjusted e) {
        e.lineShares().forEach((id, share) -> lines.computeIfPresent(id, (k, l) -> new Line(l.productId(), l.skuId(),
                l.productName(), l.quantity(), l.shipped(), l.returned(), l.total().minus(share), l.refunded(),
                l.openRefundId(), l.openRefundAmount())));
    }

    @EventSourcingHandler
    void on(OrderPlaced e) {
        for (OrderLine l : e.lines()) {
            lines.put(l.lineId(), new Line(l.productId(), l.skuId(), l.productName(), l.quantity(), 0, 0,
                    l.paidAmount(), Money.ZERO, null, null));
        }
    }

    @EventSourcingHandler
    void on(OrderShipped e) {
        e.lines().forEach(s -> lines.computeIfPresent(s.orderLineId(), (id, l) -> l.shipped(s.quantity())));
    }

    @EventSourcingHandler
    void on(RefundOpened e) {
        lines.computeIfPresent(e.orderLineId(), (id, l) -> l.withOpenRefund(e.refundId(), e.amount()));
    }

    @EventSourcingHandler
    void on(RefundEnded e) {
        lines.computeIfPresent(e.orderLineId(), (id, l) -> l.withOpenRefund(null, null));
    }

    @EventSourcingHandler
    void on(LineRefunded e) {
        lines.computeIfPresent(e.orderLineId(), (id, l) -> l.refundedBy(e.amount(), returnedBy(e, l)));
    }

    /**
     * The units a payout's return brought back. Events of before revision 2 do not say; there, units released on a
     * line that stayed partly refunded can only have been returned goods (a partial money refund releases nothing),
     * at most the shipped units not back yet (a second return then released them again: see StockReconciliation),
     * and after a full refund the line takes no further refund, so its count no longer matters.
     */
    private static int returnedBy(LineRefunded e, Line line) {
        if (e.returnedQuantity() != null) {
            return e.returnedQuantity();
        }
        return e.lineFullyRefunded() ? 0 : Math.min(e.releasedQuantity(), line.shipped() - line.returned());
    }
}
