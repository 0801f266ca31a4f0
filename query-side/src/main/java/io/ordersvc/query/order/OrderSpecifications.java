package io.ordersvc.query.order;

import io.ordersvc.platform.privacy.PersonalDataVault;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.order.OrderFilter;
import jakarta.persistence.criteria.AbstractQuery;
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
     * The orders a receiver search matches, read first when they are few. A receiver search filtered order_view
     * by {@code order_id IN (SELECT ... FROM order_receiver_token ...)}: PostgreSQL then walked order_view newest first,
     * probing each row's tokens in the other table, 0.4-1.7 s at a million orders when a token matched 0.1-1% of
     * them (bench/README.md, session 16). Up to {@value #FEW_MATCHES} matching orders are named instead; a token
     * that matches more is common, and walking finds a page of them soon.
     */
    @FunctionalInterface
    interface ReceiverMatches {

        /** The orders whose receiver's tokens match, when there are at most {@value #FEW_MATCHES}; else empty. */
        java.util.Optional<List<String>> fewOrders(PersonalDataVault.TokenSearch search);
    }

    /**
     * The orders whose product names or tracking numbers hold a text, read first from the rows that hold the texts
     * ({@link #match}), within the caller's shop or buyer, when they are few. Filtering order_view by {@code order_id
     * IN (SELECT ... FROM order_search ...)} made PostgreSQL join the shop's orders, or each match, with the other
     * table (a seller's product search at a million orders 181 ms p50 where one table took 25: bench/README.md,
     * session 28); named, the few are read by primary key. More than {@value #FEW_MATCHES} fall back to the subquery.
     */
    @FunctionalInterface
    interface TextMatches {

        /**
         * The orders whose {@code what} holds {@code text} (lower-cased), of this buyer and shop where not null, when
         * there are at most {@value #FEW_MATCHES}; else empty.
         */
        java.util.Optional<List<String>> fewOrders(Searchable what, String text, String buyerId, String shopId);
    }

    /** What a product-name or tracking-number search looks in. */
    enum Searchable {
        /** An order's product names: order_search, one row an order, its shop and buyer in the row. */
        PRODUCT_NAMES,
        /**
         * A shipment's tracking number: order_shipment_view (trigram GIN on {@code lower(tracking_no)}, V38), one row
         * a shipment, its shop and buyer in its order's row. Kept in order_search, each shipment rewrote the order's
         * row there and its product names' trigrams with it (bench/README.md, session 47).
         */
        TRACKING_NOS
    }

    /** The order of each row that holds a searched text, and the condition on the rows. */
    record Match(Expression<String> orderId, Predicate where) {
    }

    /**
     * The rows of {@code q} (a query or subquery) whose {@code what} holds {@code text} (lower-cased), of this buyer
     * and shop where not null. A tracking number's shipment has neither: it joins its order's row when scoped, and a
     * subquery that order_view's own conditions scope passes none.
     */
    static Match match(AbstractQuery<?> q, CriteriaBuilder cb, Searchable what, String text, String buyerId,
                       String shopId) {
        List<Predicate> where = new ArrayList<>();
        Expression<String> orderId;
        jakarta.persistence.criteria.Path<?> scoped;
        if (what == Searchable.PRODUCT_NAMES) {
            var s = q.from(OrderSearchEntity.class);
            orderId = s.get("orderId");
            scoped = s;
            where.add(contains(cb, s.get("goodsNames"), text));
        } else {
            var s = q.from(ShipmentEntity.class);
            orderId = s.get("orderId");
            where.add(contains(cb, cb.lower(s.get("trackingNo")), text));
            scoped = null;
            if (buyerId != null || shopId != null) {
                var o = q.from(OrderViewEntity.class);
                where.add(cb.equal(o.get("orderId"), orderId));
                scoped = o;
            }
        }
        if (buyerId != null) {
            where.add(cb.equal(scoped.get("buyerId"), buyerId));
        }
        if (shopId != null) {
            where.add(cb.equal(scoped.get("shopId"), shopId));
        }
        return new Match(orderId, cb.and(where.toArray(Predicate[]::new)));
    }

    static final int FEW_MATCHES = 1000;

    /** The orders whose receiver's tokens match (order_receiver_token, GIN on PostgreSQL). */
    private static jakarta.persistence.criteria.Subquery<String> receiverMatches(
            jakarta.persistence.criteria.CommonAbstractCriteria query, HibernateCriteriaBuilder cb,
            PersonalDataVault.TokenSearch search) {
        var matches = query.subquery(String.class);
        var t = matches.from(ReceiverTokenEntity.class);
        return matches.select(t.get("orderId")).where(hasTokens(cb, t, search));
    }

    /**
     * A token row that holds every token of one of the search's alternatives ({@code tokens @> ?}, each a lookup of
     * the GIN index): what both ways of finding a receiver's orders ask.
     */
    static Predicate hasTokens(HibernateCriteriaBuilder cb, jakarta.persistence.criteria.Path<ReceiverTokenEntity> t,
                               PersonalDataVault.TokenSearch search) {
        return cb.or(search.alternatives().stream().map(tokens -> (Predicate) cb.arrayIncludes(t.get("tokens"),
                tokens)).toArray(Predicate[]::new));
    }

    /**
     * @throws io.ordersvc.shared.error.Refusal 400 KEYWORD_TOO_SHORT naming keyword for a receiver_phone search with
     *                                          fewer than 3 digits
     */
    static Specification<OrderViewEntity> matching(OrderFilter f, Actor actor, PersonalDataVault vault,
                                                   ReceiverMatches receivers, TextMatches texts) {
        PersonalDataVault.TokenSearch receiverSearch = receiverSearch(f, vault);
        java.util.Optional<List<String>> fewMatches = receiverSearch == null ? java.util.Optional.empty()
                : receivers.fewOrders(receiverSearch);
        Scope scope = Scope.of(actor);
        String buyerId = scope.buyerId() != null ? scope.buyerId()
                : actor.role() != io.ordersvc.shared.identity.Role.BUYER ? f.buyerId() : null;
        List<Searched> searched = new ArrayList<>();
        if (f.productName() != null) {
            searched.add(Searched.of(texts, Searchable.PRODUCT_NAMES, f.productName(), buyerId, scope.shopId()));
        }
        if (f.keyword() != null && (f.keywordType() == OrderFilter.KeywordType.GOODS_NAME
                || f.keywordType() == OrderFilter.KeywordType.TRACKING_NO)) {
            searched.add(Searched.of(texts, f.keywordType() == OrderFilter.KeywordType.GOODS_NAME
                    ? Searchable.PRODUCT_NAMES : Searchable.TRACKING_NOS, f.keyword(), buyerId, scope.shopId()));
        }
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
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
            for (Searched named : searched) {
                where.add(among(root, cb, named.few(), () -> textMatches(query, cb, named)));
            }
            if (f.keywordType() != null && f.keyword() != null) {
                String k = f.keyword();
                where.add(switch (f.keywordType()) {
                    case GOODS_NAME, TRACKING_NO -> cb.conjunction(); // above, with product_name
                    case ORDER_NO -> cb.like(root.get("orderNo"), escape(k) + "%", '\\');
                    case RECEIVER_NAME, RECEIVER_PHONE -> receiverSearch == null ? cb.disjunction()
                            : among(root, cb, fewMatches, () -> receiverMatches(query,
                                    (HibernateCriteriaBuilder) cb, receiverSearch));
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
     * The blind tokens a receiver search matches (names and phones are sealed): null for a name longer than names are
     * indexed on, which matches nothing.
     */
    private static PersonalDataVault.TokenSearch receiverSearch(OrderFilter f, PersonalDataVault vault) {
        if (f.keywordType() == OrderFilter.KeywordType.RECEIVER_NAME && f.keyword() != null) {
            return vault.nameSearch(f.keyword());
        }
        if (f.keywordType() == OrderFilter.KeywordType.RECEIVER_PHONE && f.keyword() != null) {
            PersonalDataVault.TokenSearch search = vault.phoneSearch(f.keyword());
            if (search == null) {
                throw io.ordersvc.shared.error.Refusal.badRequest("KEYWORD_TOO_SHORT", "keyword: a receiver_phone "
                        + "search needs at least " + PersonalDataVault.MIN_PHONE_DIGITS + " digits")
                        .with("field", "keyword");
            }
            return search;
        }
        return null;
    }

    /** Among the orders named when they were few (none: nothing matches), else among the subquery's. */
    private static Predicate among(jakarta.persistence.criteria.Root<OrderViewEntity> root, CriteriaBuilder cb,
                                   java.util.Optional<List<String>> few,
                                   java.util.function.Supplier<jakarta.persistence.criteria.Subquery<String>> many) {
        return few.map(ids -> ids.isEmpty() ? cb.disjunction() : root.get("orderId").in(ids))
                .orElseGet(() -> root.get("orderId").in(many.get()));
    }

    /** A product-name or tracking-number search (its text lower-cased), and its few matches when named. */
    private record Searched(Searchable what, String text, String buyerId, String shopId,
                            java.util.Optional<List<String>> few) {

        static Searched of(TextMatches texts, Searchable what, String text, String buyerId, String shopId) {
            String lower = text.toLowerCase(Locale.ROOT);
            return new Searched(what, lower, buyerId, shopId, texts.fewOrders(what, lower, buyerId, shopId));
        }
    }

    /**
     * The orders that hold the text: the subquery when they are many. A tracking-number search leaves the scope to
     * order_view's conditions around it.
     */
    private static jakarta.persistence.criteria.Subquery<String> textMatches(
            jakarta.persistence.criteria.CommonAbstractCriteria query, CriteriaBuilder cb, Searched named) {
        var matches = query.subquery(String.class);
        boolean scoped = named.what() == Searchable.PRODUCT_NAMES;
        Match match = match(matches, cb, named.what(), named.text(), scoped ? named.buyerId() : null,
                scoped ? named.shopId() : null);
        return matches.select(match.orderId()).where(match.where());
    }

    private static Predicate contains(CriteriaBuilder cb, Expression<String> column, String text) {
        return cb.like(column, "%" + escape(text) + "%", '\\');
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
