package io.ordersvc.query.refund;

import io.ordersvc.platform.axon.AuditMetaData;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.query.support.BatchTable;
import io.ordersvc.query.support.BatchTable.Mapping;
import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.query.support.MemoryRows;
import io.ordersvc.query.support.Rows;
import org.springframework.beans.factory.annotation.Autowired;
import io.ordersvc.query.support.ProcessingGroups;
import org.springframework.jdbc.core.JdbcTemplate;
import io.ordersvc.shared.order.PaymentMix;
import io.ordersvc.shared.refund.RefundEvent;
import io.ordersvc.shared.refund.RefundEvent.RefundPaidBack;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCancelled;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundEvent.RefundRefused;
import io.ordersvc.shared.refund.RefundEvent.ReturnRequested;
import io.ordersvc.shared.refund.RefundEvent.ReturnShipped;
import io.ordersvc.shared.refund.RefundLogAction;
import io.ordersvc.shared.refund.RefundQuery;
import io.ordersvc.shared.refund.RefundStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * refund_view and refund_log_entry. In the orders processing group, so an order's detail and its refunds are
 * always projected together (one processor, one token, one transaction per batch).
 */
@Component
@ProcessingGroup(ProcessingGroups.ORDERS)
class RefundProjection {

    private final Rows<RefundViewEntity> refundRows;
    private final Rows<RefundLogEntity> logRows;

    @Autowired
    RefundProjection(JdbcTemplate jdbc) {
        this.refundRows = new BatchTable<>(jdbc, Mapping.of(RefundViewEntity.class)
                .prefetching(Prefetch.aggregates("Refund")));
        // Insert-only, one row per event: a replayed event's row is already there and stays as it is.
        this.logRows = new BatchTable<>(jdbc, Mapping.of(RefundLogEntity.class).onConflict("ON CONFLICT DO NOTHING"));
    }

    private RefundProjection(Rows<RefundViewEntity> refundRows, Rows<RefundLogEntity> logRows) {
        this.refundRows = refundRows;
        this.logRows = logRows;
    }

    /** The projection over tables in memory, its refunds read back from {@code rows}: one answer's fold. */
    static RefundProjection inMemory(MemoryRows<RefundViewEntity> rows) {
        return new RefundProjection(rows, MemoryRows.of(RefundLogEntity.class));
    }

    @EventHandler
    void on(RefundEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(AuditMetaData.ACTOR_ID) String actorId,
            @MetaDataValue(AuditMetaData.ACTOR_ROLE) String actorRole) {
        if (event instanceof RefundApplied e) {
            if (refundRows.find(e.refundId()).isPresent()) {
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
            refundRows.insert(r);
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
        } else if (event instanceof RefundPaidBack e) {
            update(e.refundId(), sequence, at, r -> r.paidBack = JsonText.write(e.back()));
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.PAID_BACK, paidBack(e.back()),
                    RefundStatus.REFUNDED);
        } else if (event instanceof RefundEvent.RefundPayoutStarted e) {
            update(e.refundId(), sequence, at, r -> {
                r.status = RefundStatus.REFUNDING.value();
                r.payout = JsonText.write(new RefundQuery.RefundPayout(e.channel().value(), e.payoutId(), e.amount(),
                        io.ordersvc.shared.refund.PayoutStatus.PENDING, 0, null, null, e.at()));
            });
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.PAYOUT_STARTED, "Paying " + e.amount()
                    + " back through " + e.channel().value() + " (out_request_no " + e.payoutId() + ")",
                    RefundStatus.REFUNDING);
        } else if (event instanceof RefundEvent.RefundPayoutSucceeded e) {
            update(e.refundId(), sequence, at, r -> {
                r.status = RefundStatus.REFUNDED.value();
                r.payout = payout(r, p -> p.with(io.ordersvc.shared.refund.PayoutStatus.SUCCEEDED, e.attempts(), null, e.channelRefundNo(), e.at()));
            });
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.PAYOUT_SUCCEEDED, "The channel paid it "
                    + "back (" + e.channelRefundNo() + ")", RefundStatus.REFUNDED);
        } else if (event instanceof RefundEvent.RefundPayoutFailed e) {
            update(e.refundId(), sequence, at, r -> r.payout = payout(r, p -> p.with(io.ordersvc.shared.refund.PayoutStatus.FAILED, e.attempts(),
                    e.reason(), null, e.at())));
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.PAYOUT_FAILED, "The payout failed after "
                    + e.attempts() + " attempt(s): " + e.reason(), RefundStatus.REFUNDING);
        } else if (event instanceof RefundEvent.RefundPayoutRetried e) {
            update(e.refundId(), sequence, at, r -> r.payout = payout(r, p -> p.with(io.ordersvc.shared.refund.PayoutStatus.PENDING, 0, null, null,
                    e.at())));
            log(e.refundId(), sequence, at, actorId, actorRole, RefundLogAction.PAYOUT_RETRIED, "The payout is tried "
                    + "again", RefundStatus.REFUNDING);
        }
    }

    private static String payout(RefundViewEntity r,
                                 java.util.function.UnaryOperator<RefundQuery.RefundPayout> change) {
        return r.payout == null ? null : JsonText.write(change.apply(JsonText.read(r.payout, RefundQueries.PAYOUT)));
    }

    /** "Paid back 42.00 through the payment channel, 20.00 to the balance, 800 points". */
    private static String paidBack(PaymentMix.Share back) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (back.channel().isPositive()) {
            parts.add(back.channel() + " through the payment channel");
        }
        if (back.giftCard().isPositive()) {
            parts.add(back.giftCard() + " to the gift card");
        }
        if (back.balance().isPositive()) {
            parts.add(back.balance() + " to the balance");
        }
        if (back.pointsUsed() > 0) {
            parts.add(back.pointsUsed() + " points");
        }
        return parts.isEmpty() ? "Nothing to pay back" : "Paid back " + String.join(", ", parts);
    }

    private void update(String refundId, long sequence, Instant at, Consumer<RefundViewEntity> change) {
        refundRows.find(refundId).filter(r -> r.version < sequence).ifPresent(r -> {
            change.accept(r);
            r.updatedAt = at;
            r.version = sequence;
            refundRows.changed(r);
        });
    }

    private void log(String refundId, long sequence, Instant at, String actorId, String actorRole,
                     RefundLogAction action, String message, RefundStatus after) {
        var entry = new RefundLogEntity();
        entry.refundId = refundId;
        entry.sequence = sequence;
        entry.at = at;
        entry.actorId = actorId == null ? "unknown" : actorId;
        entry.actorRole = actorRole == null ? "system" : actorRole;
        entry.action = action.value();
        entry.message = message.length() > 1000 ? message.substring(0, 1000) : message;
        entry.statusAfter = after.value();
        logRows.insert(entry);
    }

    @ResetHandler
    void reset() {
        logRows.deleteAll();
        refundRows.deleteAll();
    }
}
