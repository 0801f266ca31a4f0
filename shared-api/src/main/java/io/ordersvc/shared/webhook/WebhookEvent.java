package io.ordersvc.shared.webhook;

import java.time.Instant;
import java.util.List;

/** Subscriptions to the order and refund events a shop (or the platform) is sent. */
public sealed interface WebhookEvent {

    String webhookId();

    /**
     * @param shopId the shop whose orders and refunds are sent; null: the platform's, every shop's
     * @param secret keys the HMAC-SHA256 signature of every delivery (the subscriber checks it)
     */
    record WebhookCreated(String webhookId, String shopId, String url, List<WebhookTopic> events, String secret,
                          String createdBy, Instant createdAt) implements WebhookEvent {
    }

    record WebhookDeleted(String webhookId, String deletedBy, Instant deletedAt) implements WebhookEvent {
    }
}
