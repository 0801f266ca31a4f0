package io.ordersvc.platform.privacy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Buyers' keys in their table: made once, wrapped, cached once committed, and never cached again once erased. */
class PersonalDataKeysTest {

    JdbcTemplate jdbc;
    TransactionTemplate transactions;
    PersonalDataKeys keys;
    PersonalDataKeys otherInstance;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(h2);
        jdbc.execute(new String(getClass().getResourceAsStream("/db/platform/common/V4__personal_data_keys.sql")
                .readAllBytes(), StandardCharsets.UTF_8));
        transactions = new TransactionTemplate(new DataSourceTransactionManager(h2));
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
        var master = PersonalDataSettings.parse(PersonalDataSettings.DEVELOPMENT_KEY);
        keys = new PersonalDataKeys(jdbc, master, clock);
        otherInstance = new PersonalDataKeys(jdbc, master, clock);
    }

    @Test
    void a_buyer_gets_one_key_stored_wrapped_and_a_rolled_back_one_is_never_remembered() {
        BuyerKey rolledBack = transactions.execute(status -> {
            BuyerKey key = keys.forBuyer("b-1");
            status.setRollbackOnly();
            return key;
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key", Integer.class)).isZero();
        BuyerKey key = transactions.execute(status -> keys.forBuyer("b-1"));
        assertThat(key.keyId()).isNotEqualTo(rolledBack.keyId());
        assertThat(keys.forBuyer("b-1")).isEqualTo(key);
        assertThat(otherInstance.byId(key.keyId()).key().getEncoded()).isEqualTo(key.key().getEncoded());
        byte[] wrapped = jdbc.queryForObject("SELECT wrapped_key FROM personal_data_key", byte[].class);
        assertThat(wrapped).hasSize(12 + 32 + 16).isNotEqualTo(key.key().getEncoded());
    }

    @Test
    void a_key_read_just_before_an_erasure_elsewhere_is_not_cached_after_it() {
        BuyerKey key = transactions.execute(status -> keys.forBuyer("b-2"));
        keys.erasedElsewhere(null); // start with an empty cache
        // A batch reads the key; before it commits another instance erases the buyer and this one hears of it.
        transactions.executeWithoutResult(status -> {
            assertThat(keys.byId(key.keyId()).erased()).isFalse();
            elsewhere(() -> transactions.executeWithoutResult(s -> otherInstance.erase("b-2")));
            elsewhere(() -> keys.erasedElsewhere("b-2")); // the notification, on the listener's thread
        });
        assertThat(keys.byId(key.keyId()).erased()).as("read again, not from the cache").isTrue();
        assertThat(keys.forBuyer("b-2").erased()).as("no new key for an erased buyer").isTrue();
        Instant first = otherInstance.erase("b-2");
        assertThat(otherInstance.erase("b-2")).isEqualTo(first);
    }

    private static void elsewhere(Runnable action) {
        Thread thread = new Thread(action);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
