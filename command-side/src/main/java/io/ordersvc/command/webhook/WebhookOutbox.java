package io.ordersvc.command.webhook;

import io.ordersvc.platform.axon.EventBatch;
import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.shared.refund.RefundEvent;
import io.ordersvc.shared.webhook.WebhookTopic;
import org.apache.commons.codec.digest.DigestUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * Turns order and refund events into webhook deliveries, on a tracking processor of its own: each event once (the
 * rows commit with the processor's token), for every active subscriber of its shop and of the platform. Commands
 * never wait for it, and a subscriber that is down only makes its deliveries wait.
 */
@Component
@ProcessingGroup(WebhookOutbox.GROUP)
class WebhookOutbox {

    static final String GROUP = "webhook-deliveries";
    private final WebhookTable table;
    private final JsonMapper json;
    /**
     * The active subscriptions, read again after this processor met a subscription's event: the stream is in
     * order, so every event after a webhook's creation is matched against it, and none after its deletion.
     */
    private volatile List<WebhookTable.Subscription> active;

    WebhookOutbox(WebhookTable table, JsonMapper json) {
        this.table = table;
        this.json = json;
    }

    @EventHandler
    void on(io.ordersvc.shared.webhook.WebhookEvent event) {
        active = null;
    }

    /**
     * The subscribers of a topic in a shop, from the cached subscriptions: an event nobody subscribed to costs no
     * statement (the bench measured two per event when each was asked for).
     */
    private List<WebhookTable.Subscription> subscribers(java.util.function.Supplier<String> shop,
                                                        WebhookTopic topic) {
        List<WebhookTable.Subscription> all = active;
        if (all == null) {
            all = table.active();
            active = all;
        }
        List<WebhookTable.Subscription> topical = all.stream().filter(s -> s.events().contains(topic)).toList();
        if (topical.isEmpty()) {
            return List.of();
        }
        String owner = shop.get();
        return owner == null ? List.of() : topical.stream()
                .filter(s -> s.shopId() == null || s.shopId().equals(owner)).toList();
    }

    @EventHandler
    void on(OrderEvent event, EventMessage<?> message) {
        if (event instanceof OrderEvent.OrderPlaced e) {
            owners().put(e.orderId(), e.shopId());
        }
        WebhookTopic topic = event instanceof OrderEvent.OrderPlaced ? WebhookTopic.ORDER_PLACED
                : event instanceof OrderEvent.OrderPaid ? WebhookTopic.ORDER_PAID
                : event instanceof OrderEvent.OrderShipped ? WebhookTopic.ORDER_SHIPPED
                : event instanceof OrderEvent.OrderReceiptConfirmed ? WebhookTopic.ORDER_COMPLETED
                : event instanceof OrderEvent.OrderCancelled ? WebhookTopic.ORDER_CANCELLED
                : event instanceof OrderEvent.OrderClosed ? WebhookTopic.ORDER_CLOSED : null;
        if (topic != null) {
            enqueue(topic, event.orderId(), "order_id", event.orderId(), message);
        }
    }

    @EventHandler
    void on(RefundEvent event, EventMessage<?> message) {
        String refundId = event.refundId();
        if (event instanceof RefundEvent.RefundApplied e) {
            owners().put(e.refundId(), e.shopId());
        }
        WebhookTopic topic = event instanceof RefundEvent.RefundApplied ? WebhookTopic.REFUND_APPLIED
                : event instanceof RefundEvent.RefundRefused ? WebhookTopic.REFUND_REFUSED
                : event instanceof RefundEvent.RefundCancelled ? WebhookTopic.REFUND_CANCELLED
                : event instanceof RefundEvent.RefundCompleted ? WebhookTopic.REFUND_REFUNDED
                : event instanceof RefundEvent.RefundPayoutSucceeded ? WebhookTopic.REFUND_PAID_OUT : null;
        if (topic != null) {
            enqueue(topic, refundId, "refund_id", refundId, message);
        }
    }

    private void enqueue(WebhookTopic topic, String resourceId, String idField, String id, EventMessage<?> message) {
        String[] owner = new String[1];
        // an order placed before this processor saw its first event has no owner: nobody can be told whose it is
        var subscribers = subscribers(() -> owner[0] = Optional.ofNullable(owners().get(resourceId))
                .or(() -> table.ownerOf(resourceId)).orElse(null), topic);
        if (subscribers.isEmpty()) {
            return;
        }
        String shop = owner[0];
        ObjectNode body = json.createObjectNode();
        body.put("id", message.getIdentifier());
        body.put("type", topic.value());
        body.put("created_at", message.getTimestamp().toString());
        body.put("shop_id", shop);
        ObjectNode data = json.valueToTree(message.getPayload());
        data.put(idField, id);
        if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain) {
            data.put("version", domain.getSequenceNumber());
        }
        body.set("data", data);
        String payload = json.writeValueAsString(body);
        for (WebhookTable.Subscription s : subscribers) {
            table.enqueue(deliveryId(message.getIdentifier(), s.webhookId()), s.webhookId(),
                    message.getIdentifier(), topic, payload, message.getTimestamp());
        }
    }

    /**
     * The owners (order or refund → shop) the batch being handled learned: written in one statement before it
     * commits, where each was a statement of its own (one per placement).
     */
    private Map<String, String> owners() {
        return EventBatch.state(this, LinkedHashMap::new, batch -> {
        }, table::owners);
    }

    /** One delivery per event and webhook: 32 hex characters of their SHA-256. */
    static String deliveryId(String eventId, String webhookId) {
        return DigestUtils.sha256Hex(eventId + "/" + webhookId).substring(0, 32);
    }

    @ResetHandler
    void reset() {
        active = null;
        // deliveries already made stay in the log; a replay adds none twice (one per event and webhook)
    }
}
