package io.ordersvc.shared.wallet;

import io.ordersvc.shared.money.Money;

import java.time.Instant;
import java.util.List;

/** GET /points and GET /balance: the buyer's own, with the ledger newest first, paged. */
public final class WalletQuery {

    private WalletQuery() {
    }

    public record PointsQuery(String buyerId, int page, int size) {
    }

    public record BalanceQuery(String buyerId, int page, int size) {
    }

    /** reason: an admin's words, or order_placed, order_cancelled, payment_timeout. */
    public record PointsEntry(Instant at, long delta, String reason, String orderId) {
    }

    public record BalanceEntry(Instant at, Money delta, String reason, String orderId) {
    }

    public record PointsView(long available, long frozen, List<PointsEntry> ledger, int page, int size, long total,
                             long version) {
    }

    public record BalanceView(Money available, List<BalanceEntry> ledger, int page, int size, long total,
                              long version) {
    }
}
