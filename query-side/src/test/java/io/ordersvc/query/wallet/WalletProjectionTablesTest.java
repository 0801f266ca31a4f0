package io.ordersvc.query.wallet;

import io.ordersvc.query.support.ReadModelDatabase;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletEvent.BalanceAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.BalanceReturned;
import io.ordersvc.shared.wallet.WalletEvent.BalanceSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.PointsEarned;
import io.ordersvc.shared.wallet.WalletEvent.PointsFrozen;
import io.ordersvc.shared.wallet.WalletEvent.PointsSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsUnfrozen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** wallet_view and the ledgers, fed events and read with JDBC: no application context. */
class WalletProjectionTablesTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static ReadModelDatabase db;
    static WalletProjection projection;

    final String buyer = "buyer-" + UUID.randomUUID();

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.fresh("orders_query_wallets_test");
        projection = new WalletProjection(db.jdbc);
    }

    void feedAll() {
        db.batch(() -> {
            projection.on(new PointsAdjusted(buyer, 1000, "新人礼", "admin-1", 1000, T0), 0);
            projection.on(new BalanceAdjusted(buyer, Money.of("50.00"), "充值", "admin-1", Money.of("50.00"), T0), 1);
        });
        db.batch(() -> {
            projection.on(new PointsFrozen(buyer, "o-1", 300, 700, T0), 2);
            projection.on(new BalanceSpent(buyer, "o-1", Money.of("20.00"), Money.of("30.00"), T0), 3);
            projection.on(new PointsFrozen(buyer, "o-2", 200, 500, T0), 4);
        });
        db.batch(() -> {
            projection.on(new PointsUnfrozen(buyer, "o-1", 300, "order_cancelled", 800, T0), 5);
            projection.on(new BalanceReturned(buyer, "o-1", Money.of("20.00"), "order_cancelled", Money.of("50.00"),
                    T0), 6);
            projection.on(new PointsSpent(buyer, "o-2", 200, T0), 7);
        });
    }

    @Test
    void the_wallet_row_and_both_ledgers_follow_the_events() {
        feedAll();
        var row = db.row("SELECT points, frozen_points, balance, version FROM wallet_view WHERE buyer_id = ?", buyer);
        assertThat(((Number) row.get("points")).longValue()).isEqualTo(800);
        assertThat(((Number) row.get("frozen_points")).longValue()).as("o-1 back, o-2 spent").isZero();
        assertThat((BigDecimal) row.get("balance")).isEqualByComparingTo("50.00");
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(7);
        assertThat(db.jdbc.queryForList("SELECT delta || ' ' || reason FROM points_ledger WHERE buyer_id = ?"
                + " ORDER BY sequence", String.class, buyer))
                .containsExactly("1000 新人礼", "-300 order_placed", "-200 order_placed", "300 order_cancelled");
        assertThat(db.jdbc.queryForList("SELECT reason FROM balance_ledger WHERE buyer_id = ? ORDER BY sequence",
                String.class, buyer)).containsExactly("充值", "order_placed", "order_cancelled");
    }

    @Test
    void replayed_events_change_nothing() {
        feedAll();
        feedAll();
        var row = db.row("SELECT points, frozen_points, balance FROM wallet_view WHERE buyer_id = ?", buyer);
        assertThat(((Number) row.get("points")).longValue()).isEqualTo(800);
        assertThat(((Number) row.get("frozen_points")).longValue()).isZero();
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM points_ledger WHERE buyer_id = ?", Long.class,
                buyer)).isEqualTo(4);
    }

    /** A live batch looks up the wallets of all the buyers it names in one query, not one per buyer. */
    @Test
    void a_batch_looks_up_its_buyers_wallets_in_one_query() {
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new org.springframework.jdbc.core.JdbcTemplate(db.jdbc.getDataSource()) {
            @Override
            public void query(String sql, org.springframework.jdbc.core.RowCallbackHandler rows, Object... args) {
                if (sql.contains("FROM wallet_view")) {
                    lookups.incrementAndGet();
                }
                super.query(sql, rows, args);
            }

            @Override
            public void query(org.springframework.jdbc.core.PreparedStatementCreator creator,
                              org.springframework.jdbc.core.RowCallbackHandler rows) {
                lookups.incrementAndGet(); // the prefetch's one query on PostgreSQL
                super.query(creator, rows);
            }
        };
        var live = new WalletProjection(counting);
        List<String> buyers = List.of(buyer, buyer + "-2", buyer + "-3");
        List<PointsEarned> events = buyers.stream().map(b -> new PointsEarned(b, UUID.randomUUID().toString(), 20, 20, 0, 20, T0)).toList();
        db.batchOf(events.stream().map(e -> new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "Wallet", e.buyerId(), 0, e)).toList(), message -> live.on((PointsEarned) message.getPayload(), 0));
        assertThat(lookups.get()).isEqualTo(1);
        for (String b : buyers) {
            assertThat(db.jdbc.queryForObject("SELECT points FROM wallet_view WHERE buyer_id = ?", Long.class, b))
                    .isEqualTo(20);
        }
    }
}
