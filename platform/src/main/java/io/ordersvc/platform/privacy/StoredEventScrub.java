package io.ordersvc.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordersvc.shared.order.OrderEvent;
import io.ordersvc.shared.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The one edit ever made to stored events: an erased buyer's receivers that were stored in clear, before personal
 * data was sealed (OrderPlaced before revision 4, ReceiverChanged before revision 2), get their name, phone and
 * street address overwritten with {@link PersonalData#ERASED}, in the event store and in dead letters. The law asks
 * for it and no key can be destroyed for them. Everything else in those events (amounts, lines, the region) stays.
 */
@Component
public class StoredEventScrub {

    /** The event types and revisions that stored a receiver in clear. */
    private static final String IN_CLEAR = "((payload_type = '" + OrderEvent.OrderPlaced.class.getName() + "'"
            + " AND (payload_revision IS NULL OR payload_revision IN ('2', '3')))"
            + " OR (payload_type = '" + OrderEvent.ReceiverChanged.class.getName() + "'"
            + " AND payload_revision IS NULL))";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public StoredEventScrub(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many stored events (and dead letters) of these aggregates were scrubbed */
    public int scrub(Collection<String> aggregateIds) {
        int scrubbed = 0;
        for (String id : aggregateIds) {
            scrubbed += scrub("domain_event_entry", "global_index", id);
            scrubbed += scrub("dead_letter_entry", "dead_letter_id", id);
        }
        return scrubbed;
    }

    private int scrub(String table, String key, String aggregateId) {
        List<Object[]> rows = jdbc.query("SELECT " + key + ", payload FROM " + table
                        + " WHERE aggregate_identifier = ? AND " + IN_CLEAR,
                (rs, i) -> new Object[]{rs.getObject(1), rs.getBytes(2)}, aggregateId);
        int changed = 0;
        for (Object[] row : rows) {
            byte[] scrubbed = erased((byte[]) row[1]);
            if (scrubbed != null) {
                changed += jdbc.update("UPDATE " + table + " SET payload = ? WHERE " + key + " = ?", scrubbed, row[0]);
            }
        }
        return changed;
    }

    /** The payload with its receiver's personal values erased; null when nothing in it was left to erase. */
    static byte[] erased(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            boolean[] changed = {false};
            io.ordersvc.shared.privacy.PersonalFields.replace(node, value -> {
                changed[0] |= !PersonalData.ERASED.equals(value);
                return PersonalData.ERASED;
            });
            return changed[0] ? JSON.writeValueAsBytes(node) : null;
        } catch (IOException e) {
            throw new IllegalStateException("a stored event that is not JSON", e);
        }
    }
}
