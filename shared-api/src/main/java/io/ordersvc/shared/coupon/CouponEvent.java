package io.ordersvc.shared.coupon;

import java.time.Instant;
import java.util.List;

/**
 * What happens to a coupon template (seed 003 coupons). A coupon a buyer holds lives in the buyer's wallet
 * (WalletEvent.CouponReceived and after); the template counts what it issued, so its total is never exceeded.
 * Exchange codes are stored as SHA-256 hashes only: the codes themselves are shown once, when generated.
 */
public sealed interface CouponEvent {

    String templateId();

    /** @param shopId null: a platform coupon, paid by the platform, good in every shop */
    record CouponTemplateCreated(String templateId, String shopId, String name, CouponTerms terms, int perBuyerLimit,
                                 int total, CouponValidity validity, String createdBy, Instant at)
            implements CouponEvent {
    }

    /** A batch of one-use exchange codes, each reserving one coupon of the total. */
    record CouponCodesGenerated(String templateId, List<String> codeHashes, String generatedBy, Instant at)
            implements CouponEvent {
    }

    /**
     * One coupon went to a buyer.
     *
     * @param via      claim, grant or code
     * @param codeHash the exchange code it used (via code), else null
     */
    record CouponIssued(String templateId, String couponId, String buyerId, String via, String codeHash, Instant at)
            implements CouponEvent {
    }
}
