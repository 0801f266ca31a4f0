package io.ordersvc.query.refund;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.query.support.Fold;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.MemoryRows;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundQuery;
import io.ordersvc.shared.refund.RefundQuery.RefundDetail;
import io.ordersvc.shared.refund.RefundQuery.RefundLogEntry;
import io.ordersvc.shared.refund.RefundQuery.RefundPage;
import io.ordersvc.shared.refund.RefundQuery.RefundSummary;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundStatus;
import io.ordersvc.shared.refund.RefundType;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Answers the refund read model's queries: detail with its log, lists, the refunds of an order. */
@FeatureApi // the order detail lists the order's refunds (ofOrder)
@Component
@Transactional(readOnly = true)
public class RefundQueries {

    static final tools.jackson.core.type.TypeReference<RefundQuery.RefundPayout> PAYOUT =
            new tools.jackson.core.type.TypeReference<>() {
            };
    private static final tools.jackson.core.type.TypeReference<io.ordersvc.shared.order.PaymentMix.Share> PAID_BACK =
            new tools.jackson.core.type.TypeReference<>() {
            };

    private static final TypeReference<List<String>> URLS = new TypeReference<>() {
    };

    private final RefundViewRepository refunds;
    private final RefundLogRepository log;
    private final EventStore events;

    RefundQueries(RefundViewRepository refunds, RefundLogRepository log,
                  EventStore events) {
        this.refunds = refunds;
        this.log = log;
        this.events = events;
    }

    public Optional<Long> version(String refundId) {
        return refunds.findVersion(refundId);
    }

    @QueryHandler
    public RefundDetail handle(RefundQuery.FindRefund query) {
        RefundViewEntity r = refunds.lookup(query.refundId())
                .filter(v -> Scope.of(query.actor()).includes(v.buyerId, v.shopId))
                .orElseThrow(() -> Refusal.notFound("REFUND_NOT_FOUND", "refund " + query.refundId()
                        + " does not exist"));
        List<RefundLogEntry> entries = log.findByRefundIdOrderBySequenceAsc(r.refundId).stream()
                .map(e -> new RefundLogEntry(e.at, e.actorRole, e.actorId, e.action, e.message,
                        RefundStatus.fromValue(e.statusAfter)))
                .toList();
        RefundQuery.ReturnParcel parcel = r.returnTrackingNo == null ? null
                : new RefundQuery.ReturnParcel(r.returnCarrierCode, r.returnCarrierName, r.returnTrackingNo);
        return new RefundDetail(r.refundId, r.orderId, r.orderNo, r.orderLineId, r.productName, r.buyerId, r.shopId,
                RefundType.fromValue(r.type), r.goodsReceived, RefundReason.valueOf(r.reason.toUpperCase()),
                Money.of(r.amount), r.note, JsonText.read(r.evidenceUrls, URLS), RefundStatus.fromValue(r.status),
                r.refuseReason, r.returnAddress, parcel, r.createdAt, r.updatedAt, r.refundedAt,
                r.paidBack == null ? null : JsonText.read(r.paidBack, PAID_BACK),
                r.payout == null ? null : JsonText.read(r.payout, PAYOUT), entries, r.version);
    }

    @QueryHandler
    public RefundPage handle(RefundQuery.ListRefunds query) {
        Actor actor = query.actor();
        Specification<RefundViewEntity> spec = (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            Scope scope = Scope.of(actor);
            if (scope.buyerId() != null) {
                where.add(cb.equal(root.get("buyerId"), scope.buyerId()));
            }
            if (scope.shopId() != null) {
                where.add(cb.equal(root.get("shopId"), scope.shopId()));
            }
            if (query.status() != null) {
                where.add(cb.equal(root.get("status"), query.status().value()));
            }
            if (query.orderId() != null) {
                where.add(cb.equal(root.get("orderId"), query.orderId()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        var page = refunds.findAll(spec, PageRequest.of(query.page() - 1, query.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("refundId"))));
        return RefundPage.of(page.getContent().stream().map(RefundQueries::summary).toList(), query.page(),
                query.size(), page.getTotalElements());
    }

    /** The refunds of one order, for its detail (the caller's access to the order was checked already). */
    public List<RefundSummary> ofOrder(String orderId) {
        return refunds.findByOrderIdOrderByCreatedAtAsc(orderId).stream().map(RefundQueries::summary).toList();
    }

    /**
     * Refunds as they were at an instant (null: now), folded from their events up to it by the projection's own
     * handlers over tables in memory, oldest first: an order's detail as of then.
     */
    public List<RefundSummary> asOf(Collection<String> refundIds, Instant until) {
        MemoryRows<RefundViewEntity> rows =
                MemoryRows.of(RefundViewEntity.class);
        Fold fold = Fold.through(RefundProjection.inMemory(rows));
        for (String refundId : refundIds) {
            fold.apply(events.readEvents(refundId).asStream()
                    .filter(e -> until == null || !e.getTimestamp().isAfter(until)).toList());
        }
        return rows.all().stream().sorted(Comparator.comparing((RefundViewEntity r) -> r.createdAt))
                .map(RefundQueries::summary).toList();
    }

    private static RefundSummary summary(RefundViewEntity r) {
        return new RefundSummary(r.refundId, r.orderId, r.orderNo, r.orderLineId, r.productName,
                RefundType.fromValue(r.type), RefundStatus.fromValue(r.status), Money.of(r.amount), r.createdAt,
                r.version);
    }
}
