package io.ordersvc.shared.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersvc.shared.revision.ToRevision;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads order events stored before their due dates were facts (revision null) as revision 2. The due dates of such
 * events are what the order timers scheduled at the time, given the configured periods; a refund that ended before
 * then resumed no timer of its own (null), its order's auto-confirm stays where it was.
 */
public final class OrderEventUpcasters {

    private OrderEventUpcasters() {
    }

    /**
     * @param autoConfirmAfter after the last shipment (orders.timers.auto-confirm-after)
     * @param reviewWindow     after completion (orders.timers.review-window)
     * @param afterSalesWindow after completion (orders.after-sales-window)
     */
    public static List<SingleEventUpcaster> all(Duration autoConfirmAfter, Duration reviewWindow,
                                                Duration afterSalesWindow) {
        return List.of(
                toRevision2(OrderEvent.OrderShipped.class, node -> node.put("autoConfirmAt",
                        node.path("fullyShipped").asBoolean() ? plus(node, "shippedAt", autoConfirmAfter) : null)),
                toRevision2(OrderEvent.OrderReceiptConfirmed.class, node -> {
                    node.put("reviewUntil", plus(node, "confirmedAt", reviewWindow));
                    node.put("afterSalesUntil", plus(node, "confirmedAt", afterSalesWindow));
                }),
                toRevision2(OrderEvent.RefundEnded.class, node -> node.putNull("autoConfirmAt")),
                toRevision2(OrderEvent.LineRefunded.class, node -> {
                    node.putNull("returnedQuantity"); // not recorded then; the order reads it from the other facts
                    node.putNull("autoConfirmAt");
                }));
    }

    private static String plus(ObjectNode node, String field, Duration period) {
        return Instant.parse(node.path(field).asText()).plus(period).toString();
    }

    private static ToRevision toRevision2(Class<?> type, Consumer<ObjectNode> change) {
        return new ToRevision(type, null, "2", change);
    }
}
