package io.ordersvc.query.wallet;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.ProcessingGroups;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletEvent;
import io.ordersvc.shared.wallet.WalletEvent.BalanceAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.BalanceRefunded;
import io.ordersvc.shared.wallet.WalletEvent.BalanceReturned;
import io.ordersvc.shared.wallet.WalletEvent.BalanceSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsAdjusted;
import io.ordersvc.shared.wallet.WalletEvent.PointsEarned;
import io.ordersvc.shared.wallet.WalletEvent.PointsFrozen;
import io.ordersvc.shared.wallet.WalletEvent.PointsRefunded;
import io.ordersvc.shared.wallet.WalletEvent.PointsSpent;
import io.ordersvc.shared.wallet.WalletEvent.PointsUnfrozen;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * wallet_view and the two ledgers, in the catalog's processing group. Each event carries what is left after it,
 * so the row is set, never added to; ledger rows are keyed by the event's sequence, so a replay writes nothing new.
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCTS)
class WalletProjection {

    /** The ledger's reason for what an order did; an adjustment's reason is the admin's words. */
    static final String ORDER_PLACED = "order_placed";
    static final String ORDER_COMPLETED = "order_completed";
    static final String ORDER_REFUNDED = "order_refunded";
    static final String EARNED_TAKEN_BACK = "earned_taken_back";

    private final BatchTable<WalletViewEntity> wallets;
    private final BatchTable<PointsLedgerEntity> points;
    private final BatchTable<BalanceLedgerEntity> balances;

    WalletProjection(JdbcTemplate jdbc) {
        // A batch's wallets in one query: with many buyers, a lookup per wallet was a query per completed order.
        this.wallets = new BatchTable<>(jdbc, Mapping.of(WalletViewEntity.class).prefetching(
                Prefetch.named(WalletEvent.class, e -> List.of(e.buyerId()))));
        this.points = new BatchTable<>(jdbc, Mapping.of(PointsLedgerEntity.class).onConflict("ON CONFLICT DO NOTHING"));
        this.balances = new BatchTable<>(jdbc,
                Mapping.of(BalanceLedgerEntity.class).onConflict("ON CONFLICT DO NOTHING"));
    }

    @EventHandler
    void on(PointsAdjusted e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.points = e.availableAfter());
        points(e, sequence, e.delta(), e.reason(), null);
    }

    @EventHandler
    void on(PointsFrozen e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> {
            row.points = e.availableAfter();
            row.frozenPoints += e.points();
        });
        points(e, sequence, -e.points(), ORDER_PLACED, e.orderId());
    }

    @EventHandler
    void on(PointsUnfrozen e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> {
            row.points = e.availableAfter();
            row.frozenPoints -= e.points();
        });
        points(e, sequence, e.points(), e.reason(), e.orderId());
    }

    @EventHandler
    void on(PointsSpent e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.frozenPoints -= e.points());
    }

    @EventHandler
    void on(PointsEarned e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.points = e.availableAfter());
        points(e, sequence, e.delta(), e.delta() >= 0 ? ORDER_COMPLETED : EARNED_TAKEN_BACK, e.orderId());
    }

    @EventHandler
    void on(PointsRefunded e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.points = e.availableAfter());
        points(e, sequence, e.points(), ORDER_REFUNDED, e.orderId());
    }

    @EventHandler
    void on(BalanceRefunded e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.balance = e.balanceAfter().amount());
        balance(e, sequence, e.amount(), ORDER_REFUNDED, e.orderId());
    }

    @EventHandler
    void on(BalanceAdjusted e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.balance = e.balanceAfter().amount());
        balance(e, sequence, e.delta(), e.reason(), null);
    }

    @EventHandler
    void on(BalanceSpent e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.balance = e.balanceAfter().amount());
        balance(e, sequence, Money.ZERO.minus(e.amount()), ORDER_PLACED, e.orderId());
    }

    @EventHandler
    void on(BalanceReturned e, @SequenceNumber long sequence) {
        wallet(e, sequence, row -> row.balance = e.balanceAfter().amount());
        balance(e, sequence, e.amount(), e.reason(), e.orderId());
    }

    private void wallet(WalletEvent e, long sequence, Consumer<WalletViewEntity> change) {
        WalletViewEntity row = wallets.find(e.buyerId()).orElse(null);
        if (row == null) {
            row = new WalletViewEntity();
            row.buyerId = e.buyerId();
            row.balance = BigDecimal.ZERO.setScale(2);
            change.accept(row);
            row.version = sequence;
            wallets.insert(row);
        } else if (row.version < sequence) {
            change.accept(row);
            row.version = sequence;
            wallets.changed(row);
        }
    }

    private void points(WalletEvent e, long sequence, long delta, String reason, String orderId) {
        PointsLedgerEntity row = new PointsLedgerEntity();
        row.buyerId = e.buyerId();
        row.sequence = sequence;
        row.at = e.at();
        row.delta = delta;
        row.reason = reason;
        row.orderId = orderId;
        points.insert(row);
    }

    private void balance(WalletEvent e, long sequence, Money delta, String reason, String orderId) {
        BalanceLedgerEntity row = new BalanceLedgerEntity();
        row.buyerId = e.buyerId();
        row.sequence = sequence;
        row.at = e.at();
        row.delta = delta.amount();
        row.reason = reason;
        row.orderId = orderId;
        balances.insert(row);
    }

    @ResetHandler
    void reset() {
        wallets.deleteAll();
        points.deleteAll();
        balances.deleteAll();
    }
}
