package io.ordersvc.command.webhook;

import io.ordersvc.command.support.Guards;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.webhook.WebhookCommand.CreateWebhook;
import io.ordersvc.shared.webhook.WebhookCommand.DeleteWebhook;
import io.ordersvc.shared.webhook.WebhookEvent.WebhookCreated;
import io.ordersvc.shared.webhook.WebhookEvent.WebhookDeleted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A subscription to a shop's (or the platform's) order and refund events: created, then deleted, never changed. */
@Aggregate
public class Webhook {

    @AggregateIdentifier
    private String webhookId;
    private String shopId;
    private boolean deleted;

    protected Webhook() {
    }

    public record WebhookAck(String webhookId, long version) {
    }

    @CommandHandler
    public Webhook(CreateWebhook cmd, Clock clock) {
        Guards.requireRole(cmd.actor(), Role.SELLER, Role.ADMIN);
        String shop = cmd.actor().is(Role.SELLER) ? cmd.actor().shopId() : cmd.shopId();
        apply(new WebhookCreated(cmd.webhookId(), shop, cmd.url(), cmd.events(), cmd.secret(), cmd.actor().id(),
                clock.instant()));
    }

    @CommandHandler
    public WebhookAck handle(DeleteWebhook cmd, Clock clock) {
        requireVisible(cmd.actor(), webhookId, shopId);
        if (!deleted) {
            apply(new WebhookDeleted(webhookId, cmd.actor().id(), clock.instant()));
        }
        return new WebhookAck(webhookId, AggregateLifecycle.getVersion());
    }

    /** A seller sees their shop's webhooks, an admin every one; anyone else is told it does not exist. */
    static void requireVisible(Actor actor, String webhookId, String shopId) {
        if (!actor.is(Role.ADMIN) && !actor.isSellerOf(shopId)) {
            throw Refusal.notFound("WEBHOOK_NOT_FOUND", "webhook " + webhookId + " does not exist");
        }
    }

    @EventSourcingHandler
    void on(WebhookCreated e) {
        webhookId = e.webhookId();
        shopId = e.shopId();
    }

    @EventSourcingHandler
    void on(WebhookDeleted e) {
        deleted = true;
    }
}
