package io.ordersvc.platform.web.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency_key table. Each statement commits on its own: the claim must be visible to other requests and
 * instances before the command runs, and must survive the command's own transaction rolling back.
 */
@Component
public class IdempotencyStore {

    public enum State { IN_FLIGHT, DONE }

    public record Entry(String requestHash, State state, Integer status, String contentType, String location,
                        byte[] body, Instant createdAt, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when this request now owns the key (nobody held it). */
    public boolean claim(String caller, String key, String hash, Instant now, Duration retention) {
        try {
            jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, request_hash, state, created_at, "
                            + "expires_at) VALUES (?, ?, ?, 'IN_FLIGHT', ?, ?)", caller, key, hash,
                    Timestamp.from(now), Timestamp.from(now.plus(retention)));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /**
     * Takes over a key whose holder is gone: expired, or in flight for longer than any request may run (its
     * instance died). Atomic, so of two requests taking over only one wins.
     */
    public boolean takeOver(String caller, String key, String hash, Instant now, Duration retention,
                            Instant abandonedBefore) {
        return jdbc.update("UPDATE idempotency_key SET request_hash = ?, state = 'IN_FLIGHT', response_status = NULL, "
                        + "response_type = NULL, response_location = NULL, response_body = NULL, created_at = ?, "
                        + "expires_at = ? WHERE caller = ? AND idempotency_key = ? AND (expires_at <= ? OR "
                        + "(state = 'IN_FLIGHT' AND created_at < ?))",
                hash, Timestamp.from(now), Timestamp.from(now.plus(retention)), caller, key, Timestamp.from(now),
                Timestamp.from(abandonedBefore)) == 1;
    }

    public Optional<Entry> find(String caller, String key) {
        List<Entry> rows = jdbc.query("SELECT request_hash, state, response_status, response_type, response_location, "
                        + "response_body, created_at, expires_at FROM idempotency_key WHERE caller = ? AND "
                        + "idempotency_key = ?",
                (rs, i) -> new Entry(rs.getString(1), State.valueOf(rs.getString(2)),
                        (Integer) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getBytes(6),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()),
                caller, key);
        return rows.stream().findFirst();
    }

    public void complete(String caller, String key, int status, String contentType, String location, byte[] body) {
        jdbc.update("UPDATE idempotency_key SET state = 'DONE', response_status = ?, response_type = ?, "
                        + "response_location = ?, response_body = ? WHERE caller = ? AND idempotency_key = ?",
                status, contentType, location, body, caller, key);
    }

    /** The first request could not finish (a server failure): the key is free again for a retry. */
    public void release(String caller, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND idempotency_key = ? AND state = 'IN_FLIGHT'",
                caller, key);
    }

    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM idempotency_key WHERE expires_at <= ?", Timestamp.from(now));
    }

    /**
     * Forgets the caller's stored responses (a buyer's erasure: they may hold its receiver). A request still running
     * keeps its claim.
     *
     * @return how many were forgotten
     */
    public int forget(String caller) {
        return jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND state = ?", caller, State.DONE.name());
    }
}
