package io.ordersvc.query.rebuild;

import io.ordersvc.query.support.ProcessingGroups;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables each query-side processor writes: what a rebuild replays into shadow copies and swaps. A test holds
 * this list against the schema (every read-model table belongs to exactly one processor), and
 * the offline bin/rebuild-read-models prepare empties the same tables.
 */
public final class ReadModelTables {

    /**
     * Tables whose rows are not all derived from the events: the archive moves rows into order_history on its clock.
     * A rebuild copies them into the shadow before it replays, and the next sweep archives again what the replay
     * brought back.
     */
    static final List<String> CARRIED_OVER = List.of("order_history");

    private static final Map<String, List<String>> BY_PROCESSOR = Map.of(
            ProcessingGroups.ORDERS, List.of("order_view", "order_line_view", "order_shipment_view", "order_log_entry",
                    "order_count", "order_history", "order_receiver_token", "order_search", "refund_view",
                    "refund_log_entry", "ticket_view"),
            ProcessingGroups.PRODUCTS, List.of("product_view", "product_sku_view", "member_view",
                    "member_levels_view", "group_buy_view", "group_view", "shipment_tracking", "wallet_view",
                    "points_ledger", "balance_ledger", "gift_card_view", "freight_template_view", "cart_view",
                    "coupon_template_view", "coupon_view", "shop_view", "promotion_view"),
            ProcessingGroups.ANALYTICS, List.of("analytics_order", "analytics_daily", "analytics_funnel",
                    "analytics_product", "analytics_product_total", "analytics_roll_day", "analytics_refund_reason",
                    "analytics_buyer_day", "analytics_buyer"));

    private ReadModelTables() {
    }

    /** The processor's tables; empty for a name that is no query-side processor. */
    public static Optional<List<String>> of(String processor) {
        return Optional.ofNullable(BY_PROCESSOR.get(processor));
    }

    public static Map<String, List<String>> all() {
        return BY_PROCESSOR;
    }
}
