package io.ordersvc.command.refund;

import io.ordersvc.command.support.Guards;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.refund.RefundCommand.ShipReturn;
import io.ordersvc.shared.refund.RefundEvent.RefundApplied;
import io.ordersvc.shared.refund.RefundEvent.RefundCancelled;
import io.ordersvc.shared.refund.RefundEvent.RefundCompleted;
import io.ordersvc.shared.refund.RefundEvent.RefundRefused;
import io.ordersvc.shared.refund.RefundEvent.RefundPayoutFailed;
import io.ordersvc.shared.refund.RefundEvent.RefundPayoutRetried;
import io.ordersvc.shared.refund.RefundEvent.RefundPayoutStarted;
import io.ordersvc.shared.refund.RefundEvent.RefundPayoutSucceeded;
import io.ordersvc.shared.refund.RefundCommand.ConfirmPayout;
import io.ordersvc.shared.refund.RefundCommand.FailPayout;
import io.ordersvc.shared.refund.RefundCommand.RetryPayout;
import io.ordersvc.shared.refund.RefundEvent.ReturnRequested;
import io.ordersvc.shared.refund.RefundEvent.ReturnShipped;
import io.ordersvc.shared.refund.RefundStatus;
import io.ordersvc.shared.refund.RefundType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static io.ordersvc.command.support.Guards.requireRole;
import static io.ordersvc.shared.refund.RefundStatus.APPLIED;
import static io.ordersvc.shared.refund.RefundStatus.AWAITING_RETURN;
import static io.ordersvc.shared.refund.RefundStatus.CANCELLED;
import static io.ordersvc.shared.refund.RefundStatus.REFUNDED;
import static io.ordersvc.shared.refund.RefundStatus.REFUSED;
import static io.ordersvc.shared.refund.RefundStatus.RETURN_SHIPPED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One after-sales case on one order line. Steps that also change the order's books (apply, cancel, refuse,
 * approve, confirm the return) are driven by {@link RefundHandler} in the same unit of work as the Order;
 * shipping the return touches only the refund and is handled here.
 */
@Aggregate
public class Refund {

    @AggregateIdentifier
    private String refundId;
    private String orderId;
    private String buyerId;
    private String shopId;
    private RefundType type;
    private Money amount;
    private RefundStatus status;
    private PayoutState payout = PayoutState.NONE;

    protected Refund() {
    }

    public Refund(RefundApplied applied) {
        apply(applied);
    }

    public record RefundAck(String refundId, RefundStatus status, long version) {
    }

    public void cancel(Actor actor, Instant now) {
        requireVisible(actor);
        requireRole(actor, Role.BUYER, Role.ADMIN);
        requireStatus("REFUND_NOT_CANCELLABLE", APPLIED);
        apply(new RefundCancelled(refundId, now));
    }

    public void refuse(Actor actor, String reason, Instant now) {
        requireVisible(actor);
        requireRole(actor, Role.SELLER, Role.ADMIN);
        requireStatus("REFUND_NOT_REFUSABLE", APPLIED);
        apply(new RefundRefused(refundId, reason, now));
    }

    /** Whether an approval asks for the goods back (return_and_refund) and so needs a return address. */
    boolean returnsGoods() {
        return type != RefundType.REFUND_ONLY;
    }

    String shopId() {
        return shopId;
    }

    /** @return true when the money goes back now (refund_only); false when the goods must come back first. */
    public boolean approve(Actor actor, String returnAddress, Instant now) {
        requireVisible(actor);
        requireRole(actor, Role.SELLER, Role.ADMIN);
        requireStatus("REFUND_NOT_APPROVABLE", APPLIED);
        if (type == RefundType.REFUND_ONLY) {
            apply(new RefundCompleted(refundId, amount, now));
            return true;
        }
        if (returnAddress == null || returnAddress.isBlank()) {
            throw Refusal.unprocessable("RETURN_ADDRESS_REQUIRED", "a return needs the address to send it to: "
                    + "return_address, return_address_id, or a default address in the shop's profile");
        }
        apply(new ReturnRequested(refundId, returnAddress, now));
        return false;
    }

    @CommandHandler
    public RefundAck handle(ShipReturn cmd, Clock clock) {
        requireVisible(cmd.actor());
        requireRole(cmd.actor(), Role.BUYER, Role.ADMIN);
        requireStatus("REFUND_NOT_AWAITING_RETURN", AWAITING_RETURN);
        apply(new ReturnShipped(refundId, cmd.carrierCode(), cmd.carrierName(), cmd.trackingNo(), clock.instant()));
        return ack();
    }

    /** Records how the payout went back; the handler calls it in the payout's unit of work. */
    void paidBack(io.ordersvc.shared.order.PaymentMix.Share back, Instant now) {
        apply(new io.ordersvc.shared.refund.RefundEvent.RefundPaidBack(refundId, back, now));
    }

    /** The channel's share goes back through the channel that took it: refunding until the channel confirms. */
    void payingOut(io.ordersvc.command.order.Order.PaidThrough paid, Money amount, Instant now) {
        apply(new RefundPayoutStarted(refundId, orderId, paid.payNo(), payoutId(refundId), paid.channel(),
                paid.tradeNo(), amount, now));
    }

    /** The out_request_no the channel sees: one per refund, so a payout asked twice is paid once. */
    static String payoutId(String refundId) {
        return "R" + refundId.replace("-", "");
    }

    @CommandHandler
    public RefundAck handle(ConfirmPayout cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        if (payout == PayoutState.PENDING && cmd.payoutId().equals(payoutId(refundId))) {
            apply(new RefundPayoutSucceeded(refundId, cmd.payoutId(), cmd.channelRefundNo(), cmd.attempts(),
                    clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public RefundAck handle(FailPayout cmd, Clock clock) {
        requireRole(cmd.actor(), Role.SYSTEM);
        if (payout == PayoutState.PENDING && cmd.payoutId().equals(payoutId(refundId))) {
            apply(new RefundPayoutFailed(refundId, cmd.payoutId(), cmd.reason(), cmd.attempts(), clock.instant()));
        }
        return ack();
    }

    @CommandHandler
    public RefundAck handle(RetryPayout cmd, Clock clock) {
        requireVisible(cmd.actor());
        requireRole(cmd.actor(), Role.ADMIN);
        if (payout != PayoutState.FAILED) {
            throw Refusal.conflict("PAYOUT_NOT_FAILED", "refund " + refundId + " has no failed payout to retry");
        }
        apply(new RefundPayoutRetried(refundId, payoutId(refundId), cmd.actor().id(), clock.instant()));
        return ack();
    }

    public void confirmReturn(Actor actor, Instant now) {
        requireVisible(actor);
        requireRole(actor, Role.SELLER, Role.ADMIN);
        requireStatus("RETURN_NOT_SHIPPED", RETURN_SHIPPED);
        apply(new RefundCompleted(refundId, amount, now));
    }

    public String orderId() {
        return orderId;
    }

    public RefundAck ack() {
        return new RefundAck(refundId, status, AggregateLifecycle.getVersion());
    }

    private void requireVisible(Actor actor) {
        Guards.requireVisible(actor, buyerId, shopId,
                () -> Refusal.notFound("REFUND_NOT_FOUND", "refund " + refundId + " does not exist"));
    }

    private void requireStatus(String code, RefundStatus allowed) {
        if (status != allowed) {
            throw Refusal.conflict(code, "refund " + refundId + " is " + status.value());
        }
    }

    @EventSourcingHandler
    void on(RefundApplied e) {
        refundId = e.refundId();
        orderId = e.orderId();
        buyerId = e.buyerId();
        shopId = e.shopId();
        type = e.type();
        amount = e.amount();
        status = APPLIED;
    }

    @EventSourcingHandler
    void on(RefundCancelled e) {
        status = CANCELLED;
    }

    @EventSourcingHandler
    void on(RefundRefused e) {
        status = REFUSED;
    }

    @EventSourcingHandler
    void on(ReturnRequested e) {
        status = AWAITING_RETURN;
    }

    @EventSourcingHandler
    void on(ReturnShipped e) {
        status = RETURN_SHIPPED;
    }

    @EventSourcingHandler
    void on(RefundCompleted e) {
        status = REFUNDED;
    }

    @EventSourcingHandler
    void on(RefundPayoutStarted e) {
        status = RefundStatus.REFUNDING;
        payout = PayoutState.PENDING;
    }

    @EventSourcingHandler
    void on(RefundPayoutSucceeded e) {
        status = REFUNDED;
        payout = PayoutState.PAID;
    }

    @EventSourcingHandler
    void on(RefundPayoutFailed e) {
        payout = PayoutState.FAILED;
    }

    @EventSourcingHandler
    void on(RefundPayoutRetried e) {
        payout = PayoutState.PENDING;
    }

    /** The channel payout: none (nothing to pay through a channel), pending, failed (an admin may retry), paid. */
    private enum PayoutState { NONE, PENDING, FAILED, PAID }
}
