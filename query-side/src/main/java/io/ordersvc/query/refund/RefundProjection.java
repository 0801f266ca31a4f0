package io.ordersvc.query.refund;

import io.ordersvc.platform.axon.AuditMetaData;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.Rows;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundEvent;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCancelled;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundEvent.RefundRefused;
import io.ordersvc.shared.refund.RefundEvent.ReturnRequested;
import io.ordersvc.shared.refund.RefundEvent.ReturnShipped;
import io.ordersvc.shared.refund.RefundQuery;
import io.ordersvc.shared.refund.RefundQuery.RefundDetail;
import io.ordersvc.shared.refund.RefundQuery.RefundLogEntry;
import io.ordersvc.shared.refund.RefundQuery.RefundPage;
import io.ordersvc.shared.refund.RefundQuery.RefundSummary;
import io.ordersvc.shared.refund.RefundReason;
import io.ordersvc.shared.refund.RefundLogAction;
import io.ordersvc.shared.refund.RefundStatus;
import io.ordersvc.shared.refund.RefundType;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * refund_view and refund_log_entry. In the orders processing group, so an order's detail and its refunds are
 * always projected together (one processor, one token, one transaction per batch).
 */
@FeatureApi // the order detail lists the order's refunds (ofOrder)
@Component
@ProcessingGroup("orders")
public class RefundProjection {

    private static final TypeReference<List<String>> URLS = new TypeReference<>() {
    };

    private final RefundViewRepository refunds;
    private final RefundLogRepository log;

    private final Rows rows;

    RefundProjection(RefundViewRepository refunds, RefundLogRepository log, Rows rows) {
        this.refunds = refunds;
        this.log = log;
        this.rows = rows;
    }

    @EventHandler
    void on(RefundEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetaData.ACTOR_ID) String actorId,
            @MetaDataValue(AuditMetaData.ACTOR_ROLE) String actorRole) {
        if (event instanceof RefundApplied e) {
            if (refunds.findById(e.refundId()).isPresent()) {
                return;
            }
            var r = new RefundViewEntity();
            r.refundId = e.refundId();
            r.orderId = e.orderId();
            r.orderNo = e.orderNo();
            r.orderLineId = e.orderLineId();
            r.productName = e.productName();
            r.buyerId = e.buyerId();
            r.shopId = e.shopId();
            r.type = e.type().value();
            r.goodsReceived = e.goodsReceived();
            r.reason = e.reason().value();
            r.amount = e.amount().amount();
            r.note = e.note();
            r.evidenceUrls = JsonText.write(e.evidenceUrls());
            r.status = RefundStatus.APPLIED.value();
            r.createdAt = e.appliedAt();
            r.updatedAt = e.appliedAt();
            r.version = sequence;
            rows.insert(r);
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.APPLIED, "Applied for " + e.type().value()
                    + " of " + e.amount() + " (" + e.reason().value() + ")", RefundStatus.APPLIED);
        } else if (event instanceof RefundCancelled e) {
            update(e.refundId(), sequence, at, r -> r.status = RefundStatus.CANCELLED.value());
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.CANCELLED, "Withdrawn by the buyer",
                    RefundStatus.CANCELLED);
        } else if (event instanceof RefundRefused e) {
            update(e.refundId(), sequence, at, r -> {
                r.status = RefundStatus.REFUSED.value();
                r.refuseReason = e.reason();
            });
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.REFUSED, "Refused: " + e.reason(),
                    RefundStatus.REFUSED);
        } else if (event instanceof ReturnRequested e) {
            update(e.refundId(), sequence, at, r -> {
                r.status = RefundStatus.AWAITING_RETURN.value();
                r.returnAddress = e.returnAddress();
            });
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.APPROVED, "Approved; return the goods to "
                    + e.returnAddress(), RefundStatus.AWAITING_RETURN);
        } else if (event instanceof ReturnShipped e) {
            update(e.refundId(), sequence, at, r -> {
                r.status = RefundStatus.RETURN_SHIPPED.value();
                r.returnCarrierCode = e.carrierCode();
                r.returnCarrierName = e.carrierName();
                r.returnTrackingNo = e.trackingNo();
            });
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.RETURN_SHIPPED, "Returned by " + e.carrierName()
                    + ", tracking " + e.trackingNo(), RefundStatus.RETURN_SHIPPED);
        } else if (event instanceof RefundCompleted e) {
            update(e.refundId(), sequence, at, r -> {
                r.status = RefundStatus.REFUNDED.value();
                r.refundedAt = e.refundedAt();
            });
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.REFUNDED, "Refunded " + e.amount(),
                    RefundStatus.REFUNDED);
        }
    }

    private void update(String refundId, long sequence, Instant at, Consumer<RefundViewEntity> change) {
        refunds.findById(refundId).filter(r -> r.version < sequence).ifPresent(r -> {
            change.accept(r);
            r.updatedAt = at;
            r.version = sequence;
        });
    }

    private void log(String refundId, long sequence, Instant at, String actorId, String actorRole,
                     RefundLogAction action, String message, RefundStatus after) {
        if (log.findById(new RefundLogEntity.Key(refundId, sequence)).isPresent()) {
            return;
        }
        var entry = new RefundLogEntity();
        entry.refundId = refundId;
        entry.sequence = sequence;
        entry.at = at;
        entry.actorId = actorId == null ? "unknown" : actorId;
        entry.actorRole = actorRole == null ? "system" : actorRole;
        entry.action = action.value();
        entry.message = message.length() > 1000 ? message.substring(0, 1000) : message;
        entry.statusAfter = after.value();
        rows.insert(entry);
    }

    @ResetHandler
    void reset() {
        log.deleteAllInBatch();
        refunds.deleteAllInBatch();
    }

    // ---- queries

    public Optional<Long> version(String refundId) {
        return refunds.findVersion(refundId);
    }

    @QueryHandler
    public RefundDetail handle(RefundQuery.FindRefund query) {
        RefundViewEntity r = refunds.lookup(query.refundId()).filter(v -> Scope.of(query.actor()).includes(v.buyerId, v.shopId))
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
                r.refuseReason, r.returnAddress, parcel, r.createdAt, r.updatedAt, r.refundedAt, entries, r.version);
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
        return RefundPage.of(page.getContent().stream().map(RefundProjection::summary).toList(), query.page(),
                query.size(), page.getTotalElements());
    }

    /** The refunds of one order, for its detail (the caller's access to the order was checked already). */
    public List<RefundSummary> ofOrder(String orderId) {
        return refunds.findByOrderIdOrderByCreatedAtAsc(orderId).stream().map(RefundProjection::summary).toList();
    }

    private static RefundSummary summary(RefundViewEntity r) {
        return new RefundSummary(r.refundId, r.orderId, r.orderNo, r.orderLineId, r.productName,
                RefundType.fromValue(r.type), RefundStatus.fromValue(r.status), Money.of(r.amount), r.createdAt,
                r.version);
    }
}
