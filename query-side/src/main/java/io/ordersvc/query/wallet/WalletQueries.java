package io.ordersvc.query.wallet;

import io.ordersvc.query.support.BatchTable;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.GiftCardQuery;
import io.ordersvc.shared.wallet.GiftCardQuery.GiftCardList;
import io.ordersvc.shared.wallet.GiftCardQuery.GiftCardView;
import io.ordersvc.shared.wallet.WalletQuery.BalanceEntry;
import io.ordersvc.shared.wallet.WalletQuery.BalanceQuery;
import io.ordersvc.shared.wallet.WalletQuery.BalanceView;
import io.ordersvc.shared.wallet.WalletQuery.PointsEntry;
import io.ordersvc.shared.wallet.WalletQuery.PointsQuery;
import io.ordersvc.shared.wallet.WalletQuery.PointsView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The buyer's points and balance with their ledgers, newest first, and their gift cards. */
@Component
@Transactional(readOnly = true)
public class WalletQueries {

    private final JdbcTemplate jdbc;

    WalletQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Long> version(String buyerId) {
        return jdbc.queryForList("SELECT version FROM wallet_view WHERE buyer_id = ?", Long.class, buyerId).stream()
                .findFirst();
    }

    private record Row(long points, long frozen, BigDecimal balance, long version) {
    }

    private Row row(String buyerId) {
        return jdbc.query("SELECT points, frozen_points, balance, version FROM wallet_view WHERE buyer_id = ?",
                        (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4)),
                        buyerId).stream().findFirst()
                .orElse(new Row(0, 0, BigDecimal.ZERO, -1));
    }

    @QueryHandler
    PointsView handle(PointsQuery query) {
        Row row = row(query.buyerId());
        List<PointsEntry> ledger = jdbc.query("SELECT at, delta, reason, order_id FROM points_ledger WHERE buyer_id = ?"
                        + " ORDER BY sequence DESC LIMIT ? OFFSET ?",
                (rs, i) -> new PointsEntry(BatchTable.instant(rs, "at"), rs.getLong(2),
                        rs.getString(3), rs.getString(4)),
                query.buyerId(), query.size(), (long) (query.page() - 1) * query.size());
        long total = jdbc.queryForObject("SELECT count(*) FROM points_ledger WHERE buyer_id = ?", Long.class,
                query.buyerId());
        return new PointsView(row.points(), row.frozen(), ledger, query.page(), query.size(), total, row.version());
    }

    @QueryHandler
    GiftCardList handle(GiftCardQuery query) {
        return new GiftCardList(jdbc.query("SELECT number, amount, balance, valid_until, bound_at FROM gift_card_view"
                        + " WHERE buyer_id = ? ORDER BY bound_at DESC, number",
                (rs, i) -> new GiftCardView(rs.getString(1), Money.of(rs.getBigDecimal(2).setScale(2)),
                        Money.of(rs.getBigDecimal(3).setScale(2)), BatchTable.instant(rs, "valid_until"),
                        BatchTable.instant(rs, "bound_at")), query.buyerId()));
    }

    @QueryHandler
    BalanceView handle(BalanceQuery query) {
        Row row = row(query.buyerId());
        List<BalanceEntry> ledger = jdbc.query("SELECT at, delta, reason, order_id FROM balance_ledger WHERE buyer_id"
                        + " = ? ORDER BY sequence DESC LIMIT ? OFFSET ?",
                (rs, i) -> new BalanceEntry(BatchTable.instant(rs, "at"),
                        Money.of(rs.getBigDecimal(2).setScale(2)), rs.getString(3), rs.getString(4)),
                query.buyerId(), query.size(), (long) (query.page() - 1) * query.size());
        long total = jdbc.queryForObject("SELECT count(*) FROM balance_ledger WHERE buyer_id = ?", Long.class,
                query.buyerId());
        return new BalanceView(Money.of(row.balance().setScale(2)), ledger, query.page(), query.size(), total,
                row.version());
    }
}
