package io.ordersvc.shared.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersvc.shared.revision.ToRevision;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads order events stored before their due dates were facts (revision null) as revision 2, and orders placed
 * before they carried their price as OrderPlaced revision 2, and refunds of before the buyer's assets as
 * LineRefunded revision 3 (all of it back through the channel), and prices of before 改价 as OrderPlaced revision 3
 * (nothing adjusted), and receivers of before personal data was sealed as OrderPlaced revision 4 and ReceiverChanged
 * revision 2 (marked as written in clear). The due dates of such
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
                toRevision2(OrderEvent.OrderPlaced.class, OrderEventUpcasters::priced),
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
                }),
                new ToRevision(OrderEvent.OrderPlaced.class, "2", "3", node -> {
                    if (node.path("price") instanceof ObjectNode price) { // before 改价: nothing adjusted
                        price.put("sellerAdjustment", "0.00");
                    }
                }),
                new ToRevision(OrderEvent.OrderPlaced.class, "3", "4", OrderEventUpcasters::writtenInClear),
                toRevision2(OrderEvent.ReceiverChanged.class, node -> {
                    node.putNull("buyerId"); // not recorded then; its receiver was written in clear
                    writtenInClear(node);
                }),
                new ToRevision(OrderEvent.LineRefunded.class, "2", "3", node -> {
                    ObjectNode back = node.objectNode(); // before the buyer's assets, all went back by the channel
                    back.put("pointsUsed", 0);
                    back.put("points", "0.00");
                    back.put("balance", "0.00");
                    back.put("giftCard", "0.00");
                    back.set("channel", node.path("amount"));
                    node.set("back", back);
                }));
    }

    /**
     * An order placed before orders carried their price: its amounts become the breakdown (its one discount counted
     * as a promotion's, zero then), each line paid at its total, no payNo, no invoice, no region code.
     */
    private static void priced(ObjectNode node) {
        ObjectNode price = node.objectNode();
        String pay = node.path("payAmount").asText();
        price.put("goodsAmount", node.path("goodsAmount").asText());
        price.put("memberDiscount", "0.00");
        price.put("promotionDiscount", node.path("discountAmount").asText());
        price.put("couponDiscount", "0.00");
        price.put("sellerAdjustment", "0.00");
        price.put("shippingFee", node.path("shippingFee").asText());
        price.put("shippingDiscount", "0.00");
        price.put("invoiceFee", "0.00");
        price.put("totalAmount", pay);
        price.put("pointsUsed", node.path("pointsAmount").asLong());
        price.put("pointsAmount", "0.00");
        price.put("balanceAmount", "0.00");
        price.put("giftCardAmount", "0.00");
        price.put("payAmount", pay);
        price.put("pointsEarned", node.path("pointsEarned").asLong());
        for (String gone : List.of("goodsAmount", "shippingFee", "discountAmount", "payAmount", "pointsAmount",
                "pointsEarned")) {
            node.remove(gone);
        }
        node.set("price", price);
        node.putNull("payNo");
        node.putNull("invoice");
        if (node.path("receiver") instanceof ObjectNode receiver) {
            receiver.putNull("regionCode");
        }
        for (var line : node.path("lines")) {
            ObjectNode l = (ObjectNode) line;
            l.put("lineType", io.ordersvc.shared.checkout.LineType.NORMAL.value());
            l.set("memberPrice", l.path("unitPrice"));
            l.put("discountShare", "0.00");
            l.set("paidAmount", l.path("lineTotal"));
            l.putNull("promotionId");
        }
    }

    /**
     * A receiver stored before personal data was sealed: its name, phone and street address are marked as written
     * in clear, so that a value of a later revision is always read as sealed (PersonalData).
     */
    static void writtenInClear(ObjectNode node) {
        io.ordersvc.shared.privacy.PersonalFields.replace(node,
                value -> io.ordersvc.shared.privacy.PersonalData.CLEAR_PREFIX + value);
    }

    private static String plus(ObjectNode node, String field, Duration period) {
        return Instant.parse(node.path(field).asText()).plus(period).toString();
    }

    private static ToRevision toRevision2(Class<?> type, Consumer<ObjectNode> change) {
        return new ToRevision(type, null, "2", change);
    }
}
