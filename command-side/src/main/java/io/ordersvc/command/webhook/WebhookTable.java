package io.ordersvc.command.webhook;

import io.ordersvc.shared.webhook.DeliveryStatus;
import io.ordersvc.shared.webhook.WebhookTopic;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** webhook, webhook_owner and webhook_delivery in plain JDBC. */
@Component
class WebhookTable {

    record Subscription(String webhookId, String shopId, String url, List<WebhookTopic> events, String secret,
                        boolean active, String createdBy, Instant createdAt) {
    }

    record Delivery(String deliveryId, String webhookId, String eventId, WebhookTopic topic, String payload,
                    DeliveryStatus status, int attempts, Instant dueAt, Integer lastStatus, String lastError,
                    Instant createdAt, Instant deliveredAt) {
    }

    /** A claimed delivery with where it goes and how it is signed. */
    record Outgoing(Delivery delivery, String url, String secret) {
    }

    private static final String SUBSCRIPTION = "SELECT webhook_id, shop_id, url, events, secret, active, created_by,"
            + " created_at FROM webhook";
    private static final String DELIVERY = "SELECT delivery_id, webhook_id, event_id, topic, payload, status, attempts,"
            + " due_at, last_status, last_error, created_at, delivered_at FROM webhook_delivery";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    WebhookTable(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    void subscribe(Subscription s) {
        jdbc.update("INSERT INTO webhook (webhook_id, shop_id, url, events, secret, active, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)", s.webhookId(), s.shopId(), s.url(),
                String.join(",", s.events().stream().map(WebhookTopic::value).toList()), s.secret(), s.createdBy(),
                ts(s.createdAt()));
    }

    void unsubscribe(String webhookId) {
        jdbc.update("UPDATE webhook SET active = FALSE WHERE webhook_id = ?", webhookId);
    }

    Optional<Subscription> subscription(String webhookId) {
        return jdbc.query(SUBSCRIPTION + " WHERE webhook_id = ?", WebhookTable::subscription, webhookId).stream()
                .findFirst();
    }

    /** @param shopId null: every shop's (an admin) */
    List<Subscription> list(String shopId) {
        return shopId == null ? jdbc.query(SUBSCRIPTION + " ORDER BY created_at DESC", WebhookTable::subscription)
                : jdbc.query(SUBSCRIPTION + " WHERE shop_id = ? ORDER BY created_at DESC", WebhookTable::subscription,
                shopId);
    }

    /**
     * One statement per hundred owners; an event handled again (a replay) adds nothing. A conflict on the key, not
     * a {@code NOT EXISTS} join: its plan, prepared once while the table was small, scanned the whole table for each
     * batch (bench/README.md, session 30).
     */
    void owners(Map<String, String> shopByResource) {
        List<Map.Entry<String, String>> all = List.copyOf(shopByResource.entrySet());
        for (int from = 0; from < all.size(); from += 100) {
            List<Map.Entry<String, String>> chunk = all.subList(from, Math.min(all.size(), from + 100));
            jdbc.update("INSERT INTO webhook_owner (resource_id, shop_id) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)"))
                    + " ON CONFLICT DO NOTHING",
                    chunk.stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
        }
    }

    /** Every active subscription, for the outbox to match events against without asking per event. */
    List<Subscription> active() {
        return jdbc.query(SUBSCRIPTION + " WHERE active = TRUE", WebhookTable::subscription);
    }

    Optional<String> ownerOf(String resourceId) {
        return jdbc.queryForList("SELECT shop_id FROM webhook_owner WHERE resource_id = ?", String.class, resourceId)
                .stream().findFirst();
    }

    /** Once per event and webhook: an event handled again (a replay) adds nothing. */
    void enqueue(String deliveryId, String webhookId, String eventId, WebhookTopic topic, String payload,
                 Instant now) {
        jdbc.update("INSERT INTO webhook_delivery (delivery_id, webhook_id, event_id, topic, payload, status, due_at,"
                + " created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM webhook_delivery WHERE"
                + " delivery_id = ?)", deliveryId, webhookId, eventId, topic.value(), payload,
                DeliveryStatus.PENDING.value(), ts(now), ts(now), deliveryId);
    }

    List<Outgoing> claim(Instant now, Instant until, int limit) {
        String due = " FROM webhook_delivery d WHERE d.status = ? AND d.due_at <= ? AND (d.claimed_until IS NULL"
                + " OR d.claimed_until <= ?)";
        Object[] args = {DeliveryStatus.PENDING.value(), ts(now), ts(now)};
        if (jdbc.queryForList("SELECT d.delivery_id" + due + " FETCH FIRST 1 ROWS ONLY", String.class, args)
                .isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> {
            List<String> ids = jdbc.queryForList("SELECT d.delivery_id" + due + " ORDER BY d.due_at FETCH FIRST "
                    + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED", String.class, args);
            List<Outgoing> out = new java.util.ArrayList<>();
            for (String id : ids) {
                jdbc.update("UPDATE webhook_delivery SET claimed_until = ? WHERE delivery_id = ?", ts(until), id);
                Delivery d = delivery(id).orElseThrow();
                subscription(d.webhookId()).filter(Subscription::active)
                        .ifPresentOrElse(s -> out.add(new Outgoing(d, s.url(), s.secret())),
                                () -> finish(id, DeliveryStatus.FAILED, d.attempts(), null, "the webhook was deleted",
                                        null));
            }
            return out;
        });
    }

    Optional<Delivery> delivery(String deliveryId) {
        return jdbc.query(DELIVERY + " WHERE delivery_id = ?", WebhookTable::delivery, deliveryId).stream()
                .findFirst();
    }

    List<Delivery> deliveries(String webhookId, int limit, int offset) {
        return jdbc.query(DELIVERY + " WHERE webhook_id = ? ORDER BY created_at DESC, delivery_id OFFSET " + offset
                + " ROWS FETCH FIRST " + limit + " ROWS ONLY", WebhookTable::delivery, webhookId);
    }

    long countDeliveries(String webhookId) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ?", Long.class,
                webhookId);
    }

    void finish(String deliveryId, DeliveryStatus status, int attempts, Integer lastStatus, String error,
                Instant deliveredAt) {
        jdbc.update("UPDATE webhook_delivery SET status = ?, attempts = ?, last_status = ?, last_error = ?,"
                        + " delivered_at = ?, claimed_until = NULL WHERE delivery_id = ?", status.value(), attempts,
                lastStatus, cut(error), deliveredAt == null ? null : ts(deliveredAt), deliveryId);
    }

    void later(String deliveryId, int attempts, Instant dueAt, Integer lastStatus, String error) {
        jdbc.update("UPDATE webhook_delivery SET attempts = ?, due_at = ?, last_status = ?, last_error = ?,"
                + " claimed_until = NULL WHERE delivery_id = ?", attempts, ts(dueAt), lastStatus, cut(error),
                deliveryId);
    }

    /** A manual redelivery: pending again, due now (a delivered one is sent once more). */
    void redeliver(String deliveryId, Instant now) {
        jdbc.update("UPDATE webhook_delivery SET status = ?, due_at = ?, claimed_until = NULL WHERE delivery_id = ?",
                DeliveryStatus.PENDING.value(), ts(now), deliveryId);
    }

    private static Subscription subscription(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Subscription(rs.getString(1), rs.getString(2), rs.getString(3),
                Arrays.stream(rs.getString(4).split(",")).map(WebhookTopic::fromValue).toList(), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), instant(rs.getObject(8, OffsetDateTime.class)));
    }

    private static Delivery delivery(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Integer lastStatus = rs.getObject(9) == null ? null : rs.getInt(9);
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), WebhookTopic.fromValue(rs.getString(4)),
                rs.getString(5), DeliveryStatus.fromValue(rs.getString(6)), rs.getInt(7),
                instant(rs.getObject(8, OffsetDateTime.class)), lastStatus, rs.getString(10),
                instant(rs.getObject(11, OffsetDateTime.class)), instant(rs.getObject(12, OffsetDateTime.class)));
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static OffsetDateTime ts(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
