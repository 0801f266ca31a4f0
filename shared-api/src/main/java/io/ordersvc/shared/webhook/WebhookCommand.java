package io.ordersvc.shared.webhook;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public sealed interface WebhookCommand extends ActorAware {

    /** POST /webhooks (a seller for their shop, an admin for a shop or the platform). */
    record CreateWebhook(@TargetAggregateIdentifier String webhookId, String shopId, String url,
                         List<WebhookTopic> events, String secret, Actor actor) implements WebhookCommand {
    }

    /** DELETE /webhooks/{id}: nothing more is sent, pending deliveries included. */
    record DeleteWebhook(@TargetAggregateIdentifier String webhookId, Actor actor) implements WebhookCommand {
    }
}
