package io.ordersvc.command.webhook;

import io.ordersvc.shared.webhook.WebhookEvent.WebhookCreated;
import io.ordersvc.shared.webhook.WebhookEvent.WebhookDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** The webhook table, written in the transaction that stores the subscription's event. */
@Component
@ProcessingGroup(WebhookIndex.GROUP)
class WebhookIndex {

    static final String GROUP = "webhook-index";
    private final WebhookTable table;

    WebhookIndex(WebhookTable table) {
        this.table = table;
    }

    @EventHandler
    void on(WebhookCreated e) {
        table.subscribe(new WebhookTable.Subscription(e.webhookId(), e.shopId(), e.url(), e.events(), e.secret(),
                true, e.createdBy(), e.createdAt()));
    }

    @EventHandler
    void on(WebhookDeleted e) {
        table.unsubscribe(e.webhookId());
    }
}
