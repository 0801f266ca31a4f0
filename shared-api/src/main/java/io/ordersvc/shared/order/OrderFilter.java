package io.ordersvc.shared.order;

import java.time.Instant;

/**
 * The list and count filters of {@code GET /orders}; every field is optional. status also accepts the flags
 * {@code review_pending} and {@code refund_in_progress}; buyerId narrows an admin's or a seller's view; printed
 * (the waybill) and flag (the seller's) are the back-office's.
 */
public record OrderFilter(String status, OrderType orderType, String orderNo, Instant createdFrom, Instant createdTo,
                          String productName, KeywordType keywordType, String keyword, String refundState,
                          String buyerId, Boolean printed, SellerFlag flag) {

    public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null, null, null, null, null, null,
            null, null);

    public OrderFilter withoutStatus() {
        return new OrderFilter(null, orderType, orderNo, createdFrom, createdTo, productName, keywordType, keyword,
                refundState, buyerId, printed, flag);
    }

    public enum KeywordType {
        GOODS_NAME, ORDER_NO, RECEIVER_NAME, RECEIVER_PHONE, TRACKING_NO
    }
}
