package io.ordersvc.query.order;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.platform.privacy.PersonalDataVault;
import io.ordersvc.platform.schema.Databases;
import io.ordersvc.shared.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Keeps order rows' receivers sealed, and erased buyers' rows erased.
 * <ul>
 * <li>Rows written before personal data was sealed (V24 left them in clear, without search tokens) get their name,
 * phone and street address sealed with the buyer's key, and their tokens, so the read model holds nothing in clear
 * and receiver searches find them. In batches of {@value #BATCH} (claimed {@code SKIP LOCKED} on PostgreSQL); once
 * every row is sealed this is one probe of a partial index. A row the projection rewrote in clear meanwhile (it had
 * loaded it before) is sealed by the next run.</li>
 * <li>An erased buyer's rows that hold anything but "[erased]" again are erased again: a projection batch that read
 * the buyer's events before the erasure and wrote after it, or a rebuild's copy made before it and swapped in after.
 * Their values cannot be opened anyway (the key is gone); their search tokens could still match.</li>
 * </ul>
 * It runs shortly after start-up, after every swap of the orders' read models, and every
 * {@code orders.receiver-sealing.every} (10 minutes).
 */
@Component
@FeatureApi // a buyer's erasure (query.privacy) erases its rows through it
public class ReceiverSealing {

    private static final Logger log = LoggerFactory.getLogger(ReceiverSealing.class);
    static final int BATCH = 500;
    /** A row whose name is neither sealed nor erased (a partial index on PostgreSQL, V29). */
    private static final String UNSEALED = "receiver_name NOT LIKE '" + PersonalData.SEALED_PREFIX + "%'"
            + " AND receiver_name <> '" + PersonalData.ERASED + "'";

    private record Row(String orderId, String buyerId, String name, String phone, String address) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataVault vault;
    private final BooleanSupplier postgres;

    ReceiverSealing(JdbcTemplate jdbc, TransactionTemplate transactions, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.vault = vault;
        this.postgres = Databases.postgres(jdbc);
    }

    @Scheduled(initialDelayString = "${orders.receiver-sealing.after-start:5s}",
            fixedDelayString = "${orders.receiver-sealing.every:10m}")
    void scheduled() {
        try {
            int erased = keepErased();
            if (erased > 0) {
                log.info("erased again the receivers of {} orders of erased buyers", erased);
            }
            int sealed = sealAll();
            if (sealed > 0) {
                log.info("sealed the receivers of {} orders stored in clear", sealed);
            }
        } catch (RuntimeException e) {
            log.warn("sealing receivers failed, will retry: {}", e.toString());
        }
    }

    /** A rebuild of the orders may have brought back rows of buyers erased while it ran. */
    @org.springframework.context.event.EventListener
    void rebuilt(io.ordersvc.query.support.ReadModelsSwapped swapped) {
        if (io.ordersvc.query.support.ProcessingGroups.ORDERS.equals(swapped.processor())) {
            scheduled();
        }
    }

    /** Erases again what erased buyers' rows hold other than "[erased]", and their search tokens: how many rows. */
    public int keepErased() {
        String erased = "buyer_id IN (SELECT buyer_id FROM personal_data_key WHERE erased_at IS NOT NULL)";
        int rows = erase(erased + " AND (receiver_name <> ? OR receiver_phone <> ? OR receiver_address <> ?)",
                PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED);
        return rows + forgetTokens(erased);
    }

    /** A buyer's erasure: its rows' name, phone and street address become "[erased]", without search tokens. */
    public int eraseBuyer(String buyerId) {
        int rows = erase("buyer_id = ?", buyerId);
        forgetTokens("buyer_id = ?", buyerId);
        return rows;
    }

    private int erase(String where, String... args) {
        return jdbc.update("UPDATE order_view SET receiver_name = ?, receiver_phone = ?, receiver_address = ? WHERE "
                + where, concat(new Object[]{PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED}, args));
    }

    /** Empties the search tokens of the rows of order_view this condition names: how many had any. */
    private int forgetTokens(String where, String... args) {
        return jdbc.update(c -> {
            var ps = c.prepareStatement("UPDATE order_receiver_token SET tokens = ? WHERE cardinality(tokens) > 0"
                    + " AND order_id IN (SELECT order_id FROM order_view WHERE " + where + ")");
            ps.setArray(1, c.createArrayOf("bigint", new Long[0]));
            for (int i = 0; i < args.length; i++) {
                ps.setString(2 + i, args[i]);
            }
            return ps;
        });
    }

    private static Object[] concat(Object[] first, Object[] then) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }

    /** Seals every row left in clear, batch by batch: how many. */
    public int sealAll() {
        int total = 0;
        int batch;
        do {
            batch = transactions.execute(status -> batch());
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private int batch() {
        List<Row> rows = jdbc.query("SELECT order_id, buyer_id, receiver_name, receiver_phone, receiver_address"
                        + " FROM order_view WHERE " + UNSEALED + " FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE"
                        + (postgres.getAsBoolean() ? " SKIP LOCKED" : ""),
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
        for (Row r : rows) {
            // As the projection seals (an erased buyer's values become "[erased]", with no tokens).
            String name = vault.seal(r.buyerId(), vault.open(r.name()));
            String phone = vault.seal(r.buyerId(), vault.open(r.phone()));
            Long[] tokens = vault.searchTokens(vault.open(name), vault.open(phone));
            jdbc.update("UPDATE order_view SET receiver_name = ?, receiver_phone = ?, receiver_address = ?"
                    + " WHERE order_id = ?", name, phone, vault.seal(r.buyerId(), vault.open(r.address())), r.orderId());
            jdbc.update(c -> {
                var ps = c.prepareStatement("MERGE INTO order_receiver_token t USING (SELECT CAST(? AS VARCHAR(36))"
                        + " AS order_id) s ON (t.order_id = s.order_id) WHEN MATCHED THEN UPDATE SET tokens = ?"
                        + " WHEN NOT MATCHED THEN INSERT (order_id, tokens) VALUES (s.order_id, ?)");
                ps.setString(1, r.orderId());
                ps.setArray(2, c.createArrayOf("bigint", tokens));
                ps.setArray(3, c.createArrayOf("bigint", tokens));
                return ps;
            });
        }
        return rows.size();
    }
}
