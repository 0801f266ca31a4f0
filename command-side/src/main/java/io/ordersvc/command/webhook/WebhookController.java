package io.ordersvc.command.webhook;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.webhook.DeliveryStatus;
import io.ordersvc.shared.webhook.WebhookCommand.CreateWebhook;
import io.ordersvc.shared.webhook.WebhookCommand.DeleteWebhook;
import io.ordersvc.shared.webhook.WebhookTopic;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

/**
 * Outbound webhooks: subscriptions (a seller for their shop, an admin for a shop or the platform), their delivery
 * log and manual redelivery. The log is the outbox itself (webhook_delivery), read here where it is written.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
@RolesAllowed({SELLER, ADMIN})
public class WebhookController {

    static final String TOPICS = "order\\.placed|order\\.paid|order\\.shipped|order\\.completed|order\\.cancelled"
            + "|order\\.closed|refund\\.applied|refund\\.refused|refund\\.cancelled|refund\\.refunded|refund\\.paid_out";
    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;
    private final WebhookTable table;
    private final Clock clock;
    private final boolean allowHttp;

    WebhookController(Commands commands, CurrentActor actor, IdGenerator ids, WebhookTable table, Clock clock,
                      Environment env, @Value("${orders.webhooks.allow-http:}") String allowHttp) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
        this.table = table;
        this.clock = clock;
        this.allowHttp = allowHttp.isBlank() ? env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:")
                : Boolean.parseBoolean(allowHttp);
    }

    record WebhookRequest(
            @NotBlank @Size(max = 1000) @Schema(example = "https://erp.example.com/hooks/orders") String url,
            @NotEmpty @Size(max = 11) @ArraySchema(schema = @Schema(example = "order.paid", allowableValues = {
                    "order.placed", "order.paid", "order.shipped", "order.completed", "order.cancelled",
                    "order.closed", "refund.applied", "refund.refused", "refund.cancelled", "refund.refunded",
                    "refund.paid_out"}))
            List<@NotNull @Pattern(regexp = TOPICS, message = "must be a webhook event") String> events,
            @NotBlank @Pattern(regexp = "[\\x21-\\x7E]{16,128}", message = "must be 16-128 visible ASCII characters")
            @Schema(description = "keys the HMAC-SHA256 X-Signature of every delivery; never shown again",
                    example = "whsec_8f2d0c1b9a7e4f3d") String secret,
            @Size(max = 64) @Schema(description = "admin only: the shop; absent: the platform (every shop)",
                    example = "shop-1") String shopId) {
    }

    record WebhookView(String webhookId, @Schema(nullable = true) String shopId, String url, List<WebhookTopic> events,
                       boolean active, Instant createdAt) {
    }

    record WebhookDeliveryView(String deliveryId, String eventId, WebhookTopic event, DeliveryStatus status,
                               int attempts, @Schema(nullable = true) Integer lastStatusCode,
                               @Schema(nullable = true) String lastError,
                               @Schema(nullable = true, description = "when it is sent again (pending)")
                               Instant nextAttemptAt, Instant createdAt,
                               @Schema(nullable = true) Instant deliveredAt) {
    }

    record WebhookDeliveryPage(List<WebhookDeliveryView> items, int page, int size, long total, long totalPages) {
    }

    @ProblemCodes(unprocessable = {"INVALID_WEBHOOK_URL"})
    @PostMapping
    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to order and refund events (seller, admin)",
            description = "Each event is POSTed as JSON {id, type, created_at, shop_id, data} with X-Event-Id, "
                    + "X-Event-Type, X-Delivery-Id, X-Timestamp and X-Signature (lower-case hex HMAC-SHA256 of the "
                    + "timestamp, a dot and the body, keyed with the secret), at least once: sent again with "
                    + "back-off until the URL answers 2xx, for up to 3 days. A subscriber dedupes on X-Event-Id.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created; Location "
            + "names the webhook", useReturnTypeSchema = true)
    public ResponseEntity<WebhookView> create(@Valid @RequestBody WebhookRequest body) {
        Actor caller = actor.get();
        String shop = caller.is(Role.SELLER) ? caller.shopId() : body.shopId();
        checkUrl(body.url());
        String id = ids.generateId().toString();
        List<WebhookTopic> events = body.events().stream().distinct().map(WebhookTopic::fromValue).toList();
        commands.send(new CreateWebhook(id, shop, body.url(), events, body.secret(), caller));
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + id)).body(new WebhookView(id, shop,
                body.url(), events, true, clock.instant()));
    }

    private void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw Refusal.unprocessable("INVALID_WEBHOOK_URL", "url is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) && allowHttp;
        if ((!https && !http) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw Refusal.unprocessable("INVALID_WEBHOOK_URL", "url must be an absolute https URL without user info"
                    + (allowHttp ? " (or http here)" : ""));
        }
        if (!allowHttp && internal(uri.getHost())) {
            throw Refusal.unprocessable("INVALID_WEBHOOK_URL", "url may not name this network's own hosts");
        }
    }

    /** Loopback, private and link-local literals and localhost: never a subscriber's address in production. */
    static boolean internal(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.startsWith("10.")
                || h.startsWith("192.168.") || h.startsWith("169.254.") || h.matches("172\\.(1[6-9]|2\\d|3[01])\\..*")
                || h.startsWith("[") || h.equals("0.0.0.0");
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "The webhooks (a seller's shop's; an admin's: all)")
    public List<WebhookView> list() {
        Actor caller = actor.get();
        return table.list(caller.is(Role.SELLER) ? caller.shopId() : null).stream().map(WebhookController::view)
                .toList();
    }

    @ProblemCodes(notFound = {"WEBHOOK_NOT_FOUND"})
    @DeleteMapping("/{webhookId}")
    @Operation(operationId = "deleteWebhook", summary = "Stop a webhook: nothing more is sent, pending deliveries "
            + "included")
    public Webhook.WebhookAck delete(@PathVariable UUID webhookId) {
        return commands.send(new DeleteWebhook(webhookId.toString(), actor.get()),
                () -> Refusal.notFound("WEBHOOK_NOT_FOUND", "webhook " + webhookId + " does not exist"));
    }

    @ProblemCodes(notFound = {"WEBHOOK_NOT_FOUND"})
    @GetMapping("/{webhookId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "A webhook's delivery log, newest first",
            description = "Each delivery with its status (pending, delivered, failed), attempts, the last HTTP status "
                    + "or error, and when it is sent again.")
    public WebhookDeliveryPage deliveries(@PathVariable UUID webhookId,
                                          @RequestParam(defaultValue = "1") @Min(1) @Max(10000) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String id = visible(webhookId).webhookId();
        long total = table.countDeliveries(id);
        List<WebhookDeliveryView> items = table.deliveries(id, size, (page - 1) * size).stream()
                .map(d -> new WebhookDeliveryView(d.deliveryId(), d.eventId(), d.topic(), d.status(), d.attempts(),
                        d.lastStatus(), d.lastError(), d.status() == DeliveryStatus.PENDING ? d.dueAt() : null,
                        d.createdAt(), d.deliveredAt())).toList();
        return new WebhookDeliveryPage(items, page, size, total, (total + size - 1) / size);
    }

    @ProblemCodes(notFound = {"WEBHOOK_NOT_FOUND", "DELIVERY_NOT_FOUND"}, conflict = {"WEBHOOK_DELETED"})
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivery again now (failed or delivered)")
    public WebhookDeliveryView redeliver(@PathVariable UUID webhookId,
                                         @PathVariable @Pattern(regexp = "[0-9a-f]{32}",
                                                 message = "must be a delivery id") String deliveryId) {
        WebhookTable.Subscription webhook = visible(webhookId);
        if (!webhook.active()) {
            throw Refusal.conflict("WEBHOOK_DELETED", "webhook " + webhookId + " was deleted");
        }
        WebhookTable.Delivery d = table.delivery(deliveryId).filter(x -> x.webhookId().equals(webhook.webhookId()))
                .orElseThrow(() -> Refusal.notFound("DELIVERY_NOT_FOUND", "webhook " + webhookId
                        + " has no delivery " + deliveryId));
        Instant now = clock.instant();
        table.redeliver(d.deliveryId(), now);
        return new WebhookDeliveryView(d.deliveryId(), d.eventId(), d.topic(), DeliveryStatus.PENDING, d.attempts(),
                d.lastStatus(), d.lastError(), now, d.createdAt(), d.deliveredAt());
    }

    private WebhookTable.Subscription visible(UUID webhookId) {
        Actor caller = actor.get();
        return table.subscription(webhookId.toString())
                .filter(s -> caller.is(Role.ADMIN) || caller.isSellerOf(s.shopId()))
                .orElseThrow(() -> Refusal.notFound("WEBHOOK_NOT_FOUND", "webhook " + webhookId
                        + " does not exist"));
    }

    private static WebhookView view(WebhookTable.Subscription s) {
        return new WebhookView(s.webhookId(), s.shopId(), s.url(), s.events(), s.active(), s.createdAt());
    }
}
