package io.ordersvc.query.order;

import io.ordersvc.platform.privacy.PersonalDataVault;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.order.OrderFilter;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.data.jpa.domain.Specification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The filters of GET /orders and /status-counts as one WHERE clause, always within the caller's scope. */
final class OrderSpecifications {

    private OrderSpecifications() {
    }

    /**
     * The orders a receiver search token matches, read first when they are few. A receiver search filtered order_view
     * by {@code order_id IN (SELECT ... FROM order_receiver_token ...)}: PostgreSQL then walked order_view newest first,
     * probing each row's tokens in the other table, 0.4-1.7 s at a million orders when a token matched 0.1-1% of
     * them (bench/README.md, session 16). Up to {@value #FEW_MATCHES} matching orders are named instead; a token
     * that matches more is common, and walking finds a page of them soon.
     */
    @FunctionalInterface
    interface ReceiverMatches {

        /** The orders whose receiver has this token, when there are at most {@value #FEW_MATCHES}; else empty. */
        java.util.Optional<List<String>> fewOrders(Long token);
    }

    static final int FEW_MATCHES = 1000;

    /** The orders whose receiver has this search token (order_receiver_token, GIN on PostgreSQL). */
    private static jakarta.persistence.criteria.Subquery<String> receiverMatches(
            jakarta.persistence.criteria.CommonAbstractCriteria query, HibernateCriteriaBuilder cb, Long token) {
        var matches = query.subquery(String.class);
        var t = matches.from(ReceiverTokenEntity.class);
        return matches.select(t.get("orderId")).where(hasToken(cb, t, token));
    }

    /** A token row that holds this token: what both ways of finding a receiver's orders ask. */
    static Predicate hasToken(HibernateCriteriaBuilder cb, jakarta.persistence.criteria.Path<ReceiverTokenEntity> t,
                              Long token) {
        return cb.arrayContains(t.get("tokens"), token);
    }

    /**
     * @throws io.ordersvc.shared.error.Refusal 400 KEYWORD_TOO_SHORT naming keyword for a receiver_phone search with
     *                                          fewer than 3 digits
     */
    static Specification<OrderViewEntity> matching(OrderFilter f, Actor actor, PersonalDataVault vault,
                                                   ReceiverMatches receivers) {
        Long receiverToken = receiverToken(f, vault);
        java.util.Optional<List<String>> fewMatches = receiverToken == null ? java.util.Optional.empty()
                : receivers.fewOrders(receiverToken);
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            Scope scope = Scope.of(actor);
            if (scope.buyerId() != null) {
                where.add(cb.equal(root.get("buyerId"), scope.buyerId()));
                where.add(cb.isFalse(root.get("deletedByBuyer"))); // hidden from the buyer's own lists only
            }
            if (scope.shopId() != null) {
                where.add(cb.equal(root.get("shopId"), scope.shopId()));
            }
            if (f.buyerId() != null && actor.role() != io.ordersvc.shared.identity.Role.BUYER) {
                where.add(cb.equal(root.get("buyerId"), f.buyerId()));
            }
            if (f.status() != null) {
                switch (f.status()) {
                    case "review_pending" -> where.add(cb.isTrue(root.get("reviewPending")));
                    case "refund_in_progress" -> where.add(cb.isTrue(root.get("refundInProgress")));
                    default -> where.add(cb.equal(root.get("status"), f.status()));
                }
            }
            if (f.orderType() != null) {
                where.add(cb.equal(root.get("orderType"), f.orderType().value()));
            }
            if (f.orderNo() != null) {
                where.add(cb.equal(root.get("orderNo"), f.orderNo()));
            }
            if (f.createdFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), f.createdFrom()));
            }
            if (f.createdTo() != null) {
                where.add(cb.lessThan(root.get("createdAt"), f.createdTo()));
            }
            if (f.productName() != null) {
                where.add(contains(cb, root.get("goodsNames"), f.productName().toLowerCase(Locale.ROOT)));
            }
            if (f.keywordType() != null && f.keyword() != null) {
                String k = f.keyword();
                where.add(switch (f.keywordType()) {
                    case GOODS_NAME -> contains(cb, root.get("goodsNames"), k.toLowerCase(Locale.ROOT));
                    case ORDER_NO -> cb.like(root.get("orderNo"), escape(k) + "%", '\\');
                    case RECEIVER_NAME, RECEIVER_PHONE -> receiverToken == null ? cb.disjunction()
                            : fewMatches.map(ids -> ids.isEmpty() ? cb.disjunction() : root.get("orderId").in(ids))
                            .orElseGet(() -> root.get("orderId").in(receiverMatches(query,
                                    (HibernateCriteriaBuilder) cb, receiverToken)));
                    case TRACKING_NO -> contains(cb, root.get("trackingNos"), k.toLowerCase(Locale.ROOT));
                });
            }
            if (f.printed() != null) {
                where.add(f.printed() ? cb.isTrue(root.get("printed")) : cb.isFalse(root.get("printed")));
            }
            if (f.flag() != null) {
                if (actor.role() == io.ordersvc.shared.identity.Role.BUYER) {
                    throw io.ordersvc.shared.error.Refusal.forbidden("seller flags are the shop's");
                }
                where.add(cb.equal(root.get("sellerFlag"), f.flag().value()));
            }
            if (f.refundState() != null) {
                where.add(cb.isTrue(root.get("in_progress".equals(f.refundState())
                        ? "refundInProgress" : "refundFinished")));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    /**
     * The blind token a receiver search matches (names and phones are sealed): null for a name longer than names are
     * indexed on, which matches nothing.
     */
    private static Long receiverToken(OrderFilter f, PersonalDataVault vault) {
        if (f.keywordType() == OrderFilter.KeywordType.RECEIVER_NAME && f.keyword() != null) {
            return vault.nameToken(f.keyword());
        }
        if (f.keywordType() == OrderFilter.KeywordType.RECEIVER_PHONE && f.keyword() != null) {
            Long token = vault.phoneToken(f.keyword());
            if (token == null) {
                throw io.ordersvc.shared.error.Refusal.badRequest("KEYWORD_TOO_SHORT", "keyword: a receiver_phone "
                        + "search needs at least " + PersonalDataVault.MIN_PHONE_DIGITS + " digits")
                        .with("field", "keyword");
            }
            return token;
        }
        return null;
    }

    private static Predicate contains(CriteriaBuilder cb, Expression<String> column, String text) {
        return cb.like(column, "%" + escape(text) + "%", '\\');
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
