package io.ordersvc.command.wallet;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.checkout.AssetSplit;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pointsPerYuan how many points pay ¥1 at checkout (ORDERS_POINTS_PER_YUAN_DEDUCTION, default 100): a
 *                      multiple of 100 that divides 10,000 (100, 200, 500, 1000, ...), so that points always price
 *                      to the fen ({@link AssetSplit.PointsRate})
 */
@ConfigurationProperties("orders.wallet")
@FeatureApi // checkout prices points with it
public record WalletSettings(Long pointsPerYuan) {

    public WalletSettings {
        pointsPerYuan = pointsPerYuan == null ? 100 : pointsPerYuan;
        rate(pointsPerYuan); // refuses to start with a rate that cannot price points to the fen
    }

    public AssetSplit.PointsRate rate() {
        return rate(pointsPerYuan);
    }

    private static AssetSplit.PointsRate rate(long pointsPerYuan) {
        try {
            return new AssetSplit.PointsRate(pointsPerYuan);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ORDERS_POINTS_PER_YUAN_DEDUCTION: " + e.getMessage(), e);
        }
    }

    public static WalletSettings defaults() {
        return new WalletSettings(null);
    }
}
