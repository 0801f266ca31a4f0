package io.ordersvc.command.webhook;

import io.ordersvc.command.support.Backoff;
import io.ordersvc.shared.webhook.DeliveryStatus;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends pending deliveries: a recurring task on the timers' scheduler claims due rows (SKIP LOCKED: one instance
 * per row), POSTs each signed body and records the answer. 2xx is delivered; anything else, or no answer within the
 * timeout, is sent again after a back-off (the base doubling per attempt, capped) until the delivery is older than
 * the give-up age, then failed (an admin or the shop may redeliver it). Delivery is at least once: a subscriber
 * dedupes on X-Event-Id.
 */
@Component
class WebhookSweep {

    private final WebhookTable table;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final HttpClient http;
    private final Duration timeout;

    WebhookSweep(WebhookTable table, Clock clock,
                 @Value("${orders.webhooks.backoff:10s}") Duration backoff,
                 @Value("${orders.webhooks.max-backoff:1h}") Duration maxBackoff,
                 @Value("${orders.webhooks.give-up-after:3d}") Duration giveUpAfter,
                 @Value("${orders.webhooks.timeout:5s}") Duration timeout) {
        this.table = table;
        this.clock = clock;
        this.backoff = new Backoff(backoff, maxBackoff);
        this.giveUpAfter = giveUpAfter;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    int sweep() {
        Instant now = clock.instant();
        var due = table.claim(now, now.plus(timeout.multipliedBy(4)), 20);
        due.forEach(d -> send(d, now));
        return due.size();
    }

    private void send(WebhookTable.Outgoing out, Instant now) {
        WebhookTable.Delivery d = out.delivery();
        int attempt = d.attempts() + 1;
        Integer status = null;
        String error;
        try {
            String timestamp = Long.toString(now.getEpochSecond());
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(out.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "order-service-webhooks")
                    .header("X-Event-Id", d.eventId())
                    .header("X-Event-Type", d.topic().value())
                    .header("X-Delivery-Id", d.deliveryId())
                    .header("X-Timestamp", timestamp)
                    .header("X-Signature", sign(out.secret(), timestamp, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = answer.statusCode();
            if (status >= 200 && status < 300) {
                table.finish(d.deliveryId(), DeliveryStatus.DELIVERED, attempt, status, null, clock.instant());
                return;
            }
            error = "answered HTTP " + status;
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        if (Duration.between(d.createdAt(), now).compareTo(giveUpAfter) >= 0) {
            table.finish(d.deliveryId(), DeliveryStatus.FAILED, attempt, status, error, null);
        } else {
            table.later(d.deliveryId(), attempt, now.plus(backoff.after(attempt)), status, error);
        }
    }

    /** Lower-case hex HMAC-SHA256 of the timestamp, a dot and the body, keyed with the webhook's secret. */
    static String sign(String secret, String timestamp, String body) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(timestamp + "." + body);
    }
}
