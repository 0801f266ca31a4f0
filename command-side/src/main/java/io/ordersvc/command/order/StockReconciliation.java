package io.ordersvc.command.order;

import io.ordersvc.command.catalog.Stock;
import io.ordersvc.command.support.LockOrder;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.OrderCommand.CorrectStockRelease;
import io.ordersvc.shared.order.OrderEvent.LineRefunded;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and corrects stock that refunds released wrongly before session 6 ({@link StockBooks}): it reads the
 * stream of every order with a refund paid out, compares what its refunds gave back with what they should have, and
 * each correction changes the order's books ({@code StockReleaseCorrected}) and the product's stock in one unit of
 * work, so running it again finds nothing left to correct.
 */
@Component
public class StockReconciliation {

    public record Correction(String orderId, String orderLineId, String productId, String skuId, int delta) {
    }

    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final Repository<Order> orders;
    private final Stock stock;

    public StockReconciliation(EventStore events, JdbcTemplate jdbc, Repository<Order> orders, Stock stock) {
        this.events = events;
        this.jdbc = jdbc;
        this.orders = orders;
        this.stock = stock;
    }

    /** Every line whose released stock differs from what its refunds should have given back. */
    public List<Correction> find() {
        List<String> refunded = jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM domain_event_entry"
                + " WHERE payload_type = ? ORDER BY aggregate_identifier", String.class, LineRefunded.class.getName());
        List<Correction> corrections = new ArrayList<>();
        for (String orderId : refunded) {
            List<Object> stream = events.readEvents(orderId).asStream().map(Message::getPayload)
                    .map(Object.class::cast).toList();
            StockBooks.differences(stream, this::cameWithGoods).forEach(d -> corrections.add(
                    new Correction(orderId, d.orderLineId(), d.productId(), d.skuId(), d.delta())));
        }
        return corrections;
    }

    /** A return_and_refund refund is paid out only once its goods are back. */
    private boolean cameWithGoods(String refundId) {
        return events.readEvents(refundId).asStream().findFirst()
                .map(m -> m.getPayload() instanceof RefundApplied applied
                        && applied.type() == RefundType.RETURN_AND_REFUND)
                .orElse(false);
    }

    @CommandHandler
    public OrderAck handle(CorrectStockRelease cmd, Clock clock) {
        Aggregate<Order> order = LockOrder.load(orders, LockOrder.Rank.ORDER, cmd.orderId(), Refusal::orderNotFound);
        OrderLines.Line line = order.invoke(o -> o.afterSales().lineToCorrect(cmd));
        int applied = stock.correct(cmd.orderId(), line.productId(), line.skuId(), cmd.delta());
        order.execute(o -> o.afterSales().stockCorrected(cmd.orderLineId(), line, applied, clock.instant()));
        return order.invoke(Order::ack);
    }
}
