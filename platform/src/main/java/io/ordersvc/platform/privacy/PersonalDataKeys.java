package io.ordersvc.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ordersvc.platform.axon.BorrowedReads;
import io.ordersvc.platform.ids.RandomUuids;
import io.ordersvc.platform.schema.Databases;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Buyers' keys in {@code personal_data_key}, each wrapped with the master key. A key is made in the transaction
 * that first seals with it (an order's placement), so a rolled-back placement leaves none; two placements racing
 * for a new buyer settle on one row (the primary key). Keys are cached once committed, for {@link #CACHED} at most.
 * An erasure notifies every instance on PostgreSQL ({@link #ERASED_CHANNEL}, db/platform/postgresql/V5), which
 * forgets the key at once; without the notification (the embedded database, a lost connection) an instance stops
 * opening the buyer's data {@link #CACHED} after the erasure at the latest.
 */
public final class PersonalDataKeys implements KeyRing {

    public static final Duration CACHED = Duration.ofSeconds(30);
    /** The PostgreSQL notification an erasure sends when it commits (payload: the buyer id). */
    public static final String ERASED_CHANNEL = "personal_data_erased";

    private final JdbcTemplate jdbc;
    /**
     * Where a key is looked up: a placement's first statement is this read, made before it waits for its products'
     * locks, so it must not pin the command's connection (see {@link BorrowedReads}). Once the transaction has sent
     * a statement (the insert of a new key) the lookup goes through it, and sees the row it made.
     */
    private final BorrowedReads lookups;
    private final SecretKey master;
    private final Clock clock;
    private final Cache<String, BuyerKey> byBuyer;
    private final Cache<String, BuyerKey> byId;
    private final BooleanSupplier postgres;
    /**
     * Counts the erasures this instance has heard of. A key read before one is cached after its transaction commits
     * only if none was heard of meanwhile: a batch that read a buyer's key just before another instance erased the
     * buyer must not put it back into the cache the erasure emptied.
     */
    private final java.util.concurrent.atomic.AtomicLong erasures = new java.util.concurrent.atomic.AtomicLong();

    public PersonalDataKeys(JdbcTemplate jdbc, SecretKey master, Clock clock) {
        this.jdbc = jdbc;
        this.lookups = new BorrowedReads(jdbc);
        this.postgres = Databases.postgres(jdbc);
        this.master = master;
        this.clock = clock;
        this.byBuyer = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(CACHED).build();
        this.byId = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(CACHED).build();
    }

    /** How many erasures this instance has heard of: what a key opened before the count moved may no longer open. */
    public long erasuresHeard() {
        return erasures.get();
    }

    @Override
    public BuyerKey forBuyer(String buyerId) {
        BuyerKey cached = byBuyer.getIfPresent(buyerId);
        if (cached != null) {
            return cached;
        }
        TransactionKeys ofTransaction = ofTransaction();
        if (ofTransaction != null && ofTransaction.byBuyer().containsKey(buyerId)) {
            return ofTransaction.byBuyer().get(buyerId);
        }
        long heard = erasures.get();
        BuyerKey key = find("buyer_id", buyerId);
        if (key == null) {
            key = create(buyerId);
        }
        remember(key, heard);
        if (ofTransaction != null) {
            ofTransaction.add(key);
        }
        return key;
    }

    /** The keys a transaction read or made, by buyer and by id. */
    private record TransactionKeys(Map<String, BuyerKey> byBuyer, Map<String, BuyerKey> byId) {
        void add(BuyerKey key) {
            byBuyer.put(key.buyerId(), key);
            byId.put(key.keyId(), key);
        }
    }

    /**
     * The keys this transaction read or made, until it commits and they are cached: a checkout's orders, or a batch
     * of events, of one buyer ask the database once. Null outside a transaction.
     */
    private TransactionKeys ofTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        if (TransactionSynchronizationManager.getResource(this) instanceof TransactionKeys bound) {
            return bound;
        }
        TransactionKeys keys = new TransactionKeys(new java.util.HashMap<>(), new java.util.HashMap<>());
        TransactionSynchronizationManager.bindResource(this, keys);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(PersonalDataKeys.this);
            }
        });
        return keys;
    }

    @Override
    public BuyerKey byId(String keyId) {
        BuyerKey cached = byId.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        TransactionKeys ofTransaction = ofTransaction();
        if (ofTransaction != null && ofTransaction.byId().containsKey(keyId)) {
            return ofTransaction.byId().get(keyId);
        }
        long heard = erasures.get();
        BuyerKey key = find("key_id", keyId);
        if (key != null) {
            remember(key, heard);
            if (ofTransaction != null) {
                ofTransaction.add(key);
            }
        }
        return key;
    }

    /**
     * Destroys the buyer's key (a buyer without one gets a destroyed one, so none is ever made for it again).
     *
     * @return when the buyer was erased: now, or the first erasure's time when it was erased before
     */
    public Instant erase(String buyerId) {
        Instant now = clock.instant();
        forBuyer(buyerId);
        jdbc.update("UPDATE personal_data_key SET wrapped_key = NULL, erased_at = ? WHERE buyer_id = ?"
                + " AND erased_at IS NULL", Timestamp.from(now), buyerId);
        Instant erasedAt = jdbc.queryForObject("SELECT erased_at FROM personal_data_key WHERE buyer_id = ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(), buyerId);
        forget(buyerId);
        return erasedAt;
    }

    /**
     * Another instance erased this buyer: its key is forgotten here too. Null: erasures may have been missed (the
     * listener reconnected), every key is forgotten.
     */
    public void erasedElsewhere(String buyerId) {
        if (buyerId == null) {
            synchronized (erasures) {
                erasures.incrementAndGet();
                byBuyer.invalidateAll();
                byId.invalidateAll();
            }
        } else {
            forget(buyerId);
        }
    }

    private void forget(String buyerId) {
        if (TransactionSynchronizationManager.getResource(this) instanceof TransactionKeys ofTransaction) {
            ofTransaction.byBuyer().remove(buyerId);
            ofTransaction.byId().values().removeIf(key -> key.buyerId().equals(buyerId));
        }
        invalidate(buyerId);
        afterCommit(() -> invalidate(buyerId));
    }

    private void invalidate(String buyerId) {
        synchronized (erasures) {
            erasures.incrementAndGet();
            byBuyer.invalidate(buyerId);
            byId.asMap().values().removeIf(key -> key.buyerId().equals(buyerId)); // rare: a scan is fine
        }
    }

    private BuyerKey create(String buyerId) {
        String keyId = RandomUuids.next().toString();
        byte[] wrapped = wrap(keyId, buyerId, PersonalDataVault.newKey());
        Timestamp now = Timestamp.from(clock.instant());
        if (postgres.getAsBoolean()) {
            jdbc.update("INSERT INTO personal_data_key (buyer_id, key_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (buyer_id) DO NOTHING", buyerId, keyId, wrapped, now);
        } else {
            try {
                jdbc.update("INSERT INTO personal_data_key (buyer_id, key_id, wrapped_key, created_at)"
                        + " VALUES (?, ?, ?, ?)", buyerId, keyId, wrapped, now);
            } catch (DuplicateKeyException raced) {
                // another transaction made it first: read it below
            }
        }
        return find("buyer_id", buyerId);
    }

    private BuyerKey find(String column, String value) {
        List<BuyerKey> rows = lookups.query("SELECT key_id, buyer_id, wrapped_key FROM personal_data_key WHERE "
                + column + " = ?", this::read, value);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private BuyerKey read(ResultSet rs, int row) throws SQLException {
        String keyId = rs.getString(1);
        String buyerId = rs.getString(2);
        byte[] wrapped = rs.getBytes(3);
        return new BuyerKey(keyId, buyerId, wrapped == null ? null : unwrap(keyId, buyerId, wrapped));
    }

    /**
     * Cached once what was read is committed (a key made by a transaction that rolls back is never remembered), and
     * only if no erasure was heard of since it was read.
     */
    private void remember(BuyerKey key, long heard) {
        afterCommit(() -> {
            synchronized (erasures) {
                if (erasures.get() == heard) {
                    byBuyer.put(key.buyerId(), key);
                    byId.put(key.keyId(), key);
                }
            }
        });
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private byte[] wrap(String keyId, String buyerId, SecretKey key) {
        try {
            return Aead.seal(master, Aead.randomIv(), associated(keyId, buyerId), key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a buyer's key", e);
        }
    }

    private SecretKey unwrap(String keyId, String buyerId, byte[] wrapped) {
        try {
            return new SecretKeySpec(Aead.open(master, associated(keyId, buyerId), wrapped), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of buyer " + buyerId + " does not open with "
                    + "ORDERS_PERSONAL_DATA_KEY: is it the key the data was sealed under?", e);
        }
    }

    private static byte[] associated(String keyId, String buyerId) {
        return (keyId + "/" + buyerId).getBytes(StandardCharsets.UTF_8);
    }
}
