package io.ordersvc.query.privacy;

import io.ordersvc.platform.privacy.PersonalDataKeys;
import io.ordersvc.platform.privacy.StoredEventScrub;
import io.ordersvc.platform.web.idempotency.IdempotencyStore;
import io.ordersvc.query.order.ReceiverSealing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Erases a buyer's personal data (PIPL/GDPR), in one transaction: its key is destroyed, so every receiver sealed
 * with it, in the event store, dead letters and read models, reads "[erased]" from now on; the orders' rows hold
 * "[erased]" and no search tokens; receivers stored in clear before sealing are scrubbed from the stored events;
 * its stored idempotent responses are forgotten. Amounts, statuses and history stay. Erasing again changes nothing
 * and answers the first erasure's time.
 */
@Service
public class BuyerErasure {

    private static final Logger log = LoggerFactory.getLogger(BuyerErasure.class);

    /** What an erasure did. */
    public record Erasure(String buyerId, Instant erasedAt, int orders, int eventsScrubbed) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataKeys keys;
    private final StoredEventScrub scrub;
    private final IdempotencyStore idempotency;
    private final ReceiverSealing rows;

    BuyerErasure(JdbcTemplate jdbc, PersonalDataKeys keys, StoredEventScrub scrub, IdempotencyStore idempotency,
                 ReceiverSealing rows) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.keys = keys;
        this.scrub = scrub;
        this.idempotency = idempotency;
    }

    @Transactional
    public Erasure erase(String buyerId) {
        Instant erasedAt = keys.erase(buyerId);
        List<String> orders = jdbc.queryForList("SELECT order_id FROM order_view WHERE buyer_id = ? UNION"
                + " SELECT order_id FROM order_history WHERE buyer_id = ?", String.class, buyerId, buyerId);
        rows.eraseBuyer(buyerId);
        int scrubbed = scrub.scrub(orders);
        idempotency.forget(buyerId);
        log.info("erased buyer {}: {} orders, {} events stored in clear scrubbed", buyerId, orders.size(), scrubbed);
        return new Erasure(buyerId, erasedAt, orders.size(), scrubbed);
    }
}
