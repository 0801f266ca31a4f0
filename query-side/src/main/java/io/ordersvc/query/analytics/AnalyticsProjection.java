package io.ordersvc.query.analytics;

import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.platform.axon.EventBatch;
import io.ordersvc.query.analytics.AnalyticsBook.Count;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.order.OrderEvent.OrderCancelled;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderReceiptConfirmed;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderEvent.PriceAdjusted;
import io.ordersvc.shared.order.OrderEvent.ReceiverChanged;
import io.ordersvc.shared.order.OrderEvent.TicketsIssued;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The analytics read models, from the order and refund events alone: daily figures per shop and for the platform,
 * products, the funnel, refund reasons (V19__analytics.sql says what each holds). A processing group of its own:
 * its token commits with its tables, so a batch counts once; a replay starts from empty tables.
 */
@Component
@ProcessingGroup(AnalyticsProjection.GROUP)
class AnalyticsProjection {

    static final String GROUP = ProcessingGroups.ANALYTICS;
    static final List<String> TABLES = List.of("analytics_daily", "analytics_funnel", "analytics_product",
            "analytics_product_total", "analytics_roll_day", "analytics_refund_reason", "analytics_buyer_day",
            "analytics_buyer", "analytics_order");

    private final JdbcTemplate jdbc;
    /** Whether the tables are PostgreSQL's: a batch's additions to a table are then one statement. */
    private final java.util.function.BooleanSupplier postgres;
    private final ZoneId zone;

    AnalyticsProjection(JdbcTemplate jdbc, AnalyticsZone zone) {
        this.jdbc = jdbc;
        this.postgres = io.ordersvc.platform.schema.Databases.postgres(jdbc);
        this.zone = zone.id();
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    @EventHandler
    void on(OrderPlaced e) {
        AnalyticsBook book = book();
        AnalyticsBook.Order o = book.placed(e.orderId());
        if (o == null) {
            return;
        }
        o.shopId = e.shopId();
        o.buyerId = e.buyerId();
        o.placedDay = day(e.createdAt());
        o.total = e.price().totalAmount().amount();
        o.lines = new LinkedHashMap<>();
        for (OrderLine l : e.lines()) {
            o.lines.put(l.lineId(), new AnalyticsBook.Line(l.productId(), l.productName(), l.quantity(),
                    l.paidAmount().amount()));
        }
        book.daily(o.placedDay, o.shopId, Count.PLACED, 1);
        book.funnel(o.placedDay, o.shopId, Count.PLACED);
    }

    /** 改价: what each line is paid for changes by its share. */
    @EventHandler
    void on(PriceAdjusted e) {
        AnalyticsBook.Order o = book().order(e.orderId());
        if (o != null) {
            o.total = e.price().totalAmount().amount();
            e.lineShares().forEach((lineId, off) -> o.lines.computeIfPresent(lineId, (id, l) ->
                    new AnalyticsBook.Line(l.productId(), l.productName(), l.quantity(), l.paid().subtract(off.amount()))));
        }
    }

    @EventHandler
    void on(ReceiverChanged e) {
        AnalyticsBook.Order o = book().order(e.orderId());
        if (o != null) {
            o.total = e.price().totalAmount().amount();
        }
    }

    /** Paid: the order's total is GMV on the day it was paid, its lines revenue; its buyer paid that day. */
    @EventHandler
    void on(OrderPaid e) {
        AnalyticsBook book = book();
        AnalyticsBook.Order o = book.order(e.orderId());
        if (o == null || o.paid) {
            return;
        }
        o.paid = true;
        LocalDate day = day(e.paidAt());
        book.daily(day, o.shopId, Count.PAID, 1);
        book.daily(day, o.shopId, Count.GMV, o.total);
        for (AnalyticsBook.Line l : o.lines.values()) {
            book.product(day, o.shopId, l.productId(), l.productName(), Count.QUANTITY, l.quantity());
            book.product(day, o.shopId, l.productId(), l.productName(), Count.REVENUE, l.paid());
        }
        book.buyer(day, o.shopId, o.buyerId);
        book.funnel(o.placedDay, o.shopId, Count.PAID);
    }

    @EventHandler
    void on(OrderShipped e) {
        if (e.fullyShipped()) {
            shipped(e.orderId());
        }
    }

    /** E-tickets are delivered as their codes. */
    @EventHandler
    void on(TicketsIssued e) {
        shipped(e.orderId());
    }

    private void shipped(String orderId) {
        AnalyticsBook book = book();
        AnalyticsBook.Order o = book.order(orderId);
        if (o != null && !o.shipped) {
            o.shipped = true;
            book.funnel(o.placedDay, o.shopId, Count.SHIPPED);
        }
    }

    @EventHandler
    void on(OrderReceiptConfirmed e) {
        AnalyticsBook book = book();
        AnalyticsBook.Order o = book.order(e.orderId());
        if (o != null && !o.completed) {
            o.completed = true;
            book.funnel(o.placedDay, o.shopId, Count.COMPLETED);
        }
    }

    @EventHandler
    void on(OrderCancelled e) {
        AnalyticsBook book = book();
        AnalyticsBook.Order o = book.order(e.orderId());
        if (o != null) {
            book.daily(day(e.cancelledAt()), o.shopId, Count.CANCELLED, 1);
        }
    }

    /** Money went back on a line: on the day it did, for the shop and the line's product. */
    @EventHandler
    void on(LineRefunded e) {
        AnalyticsBook book = book();
        AnalyticsBook.Order o = book.order(e.orderId());
        if (o == null) {
            return;
        }
        LocalDate day = day(e.refundedAt());
        BigDecimal amount = e.amount().amount();
        book.daily(day, o.shopId, Count.REFUNDED_AMOUNT, amount);
        book.daily(day, o.shopId, Count.REFUND_COUNT, 1);
        AnalyticsBook.Line line = o.lines.get(e.orderLineId());
        if (line != null) {
            book.product(day, o.shopId, line.productId(), line.productName(), Count.REFUNDED_AMOUNT, amount);
            book.product(day, o.shopId, line.productId(), line.productName(), Count.REFUND_COUNT, 1);
        }
        if (!o.refunded) {
            o.refunded = true;
            book.funnel(o.placedDay, o.shopId, Count.REFUNDED);
        }
    }

    @EventHandler
    void on(RefundApplied e) {
        book().reason(day(e.appliedAt()), e.shopId(), e.reason().value(), e.amount().amount());
    }

    @ResetHandler
    void reset() {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    /**
     * The book of the current batch: the orders it names loaded in one query, written before the commit. Those it
     * places too: a placement looks for its order's row (a batch handled again must not count it twice), and each
     * such look was a query of its own.
     */
    private AnalyticsBook book() {
        return EventBatch.state(this, () -> new AnalyticsBook(jdbc, postgres.getAsBoolean()),
                b -> b.prefetch(EventBatch.aggregates("Order")),
                AnalyticsBook::write);
    }

}
