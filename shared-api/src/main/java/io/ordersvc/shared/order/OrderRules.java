package io.ordersvc.shared.order;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.order.OrderViews.Actions;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static io.ordersvc.shared.order.OrderStatus.CANCELLED;
import static io.ordersvc.shared.order.OrderStatus.CLOSED;
import static io.ordersvc.shared.order.OrderStatus.COMPLETED;
import static io.ordersvc.shared.order.OrderStatus.PENDING_PAYMENT;
import static io.ordersvc.shared.order.OrderStatus.SHIPPED;
import static io.ordersvc.shared.order.OrderStatus.TO_SHIP;

/**
 * What a caller may do to an order now: one pure function of the order's facts, the caller and the time. The Order
 * aggregate's guards throw its refusal; the read side's {@code actions} are the same verdicts, so a button is shown
 * exactly when the command would be accepted. Checks run in the order API.md gives: 404 (not the caller's order),
 * 403 (wrong role), then the state (409 with the action's code).
 */
public final class OrderRules {

    /** The buttons of an order, and the commands behind them. */
    public enum Action {
        PAY(Set.of(Role.SYSTEM, Role.ADMIN)),
        CANCEL(Set.of(Role.BUYER, Role.SELLER, Role.ADMIN)),
        /** The order timer cancels an order whose payment window closed: no button. */
        EXPIRE(Set.of(Role.SYSTEM)),
        SHIP(Set.of(Role.SELLER, Role.ADMIN)),
        CONFIRM_RECEIPT(Set.of(Role.BUYER, Role.ADMIN)),
        /** The order timer confirms receipt for the buyer: no button, the same state rules. */
        AUTO_CONFIRM(Set.of(Role.SYSTEM)),
        REVIEW(Set.of(Role.BUYER)),
        APPLY_REFUND(Set.of(Role.BUYER, Role.ADMIN)),
        DELETE(Set.of(Role.BUYER)),
        /** The seller records the invoice the buyer asked for, once the order is paid. */
        ISSUE_INVOICE(Set.of(Role.SELLER, Role.ADMIN)),
        /** The shop marks the waybill printed: from payment until it has shipped everything. */
        MARK_PRINTED(Set.of(Role.SELLER, Role.ADMIN)),
        /** The shop's private remark and flag, at any time. */
        SELLER_REMARK(Set.of(Role.SELLER, Role.ADMIN)),
        /** The buyer pushes the automatic receipt back, once, while it is not yet due. */
        EXTEND_RECEIPT(Set.of(Role.BUYER)),
        /** The shop changes what an unpaid order costs (改价). */
        ADJUST_PRICE(Set.of(Role.SELLER, Role.ADMIN)),
        /** The buyer or the shop sends the order elsewhere, before anything shipped. */
        CHANGE_RECEIVER(Set.of(Role.BUYER, Role.SELLER, Role.ADMIN));

        private final Set<Role> roles;

        Action(Set<Role> roles) {
            this.roles = roles;
        }
    }

    /**
     * What the rules need to know of an order.
     *
     * @param refundOpen        some line has a refund applying or awaiting goods
     * @param afterSalesUntil   completed orders: the end of the after-sales window (null otherwise)
     * @param afterSalesClosed  the order timer closed the after-sales window
     * @param lineRefundable    some line has money left to refund and no open refund
     * @param deleted           the buyer hid the order
     * @param autoConfirmAt     shipped orders: when receipt is confirmed for the buyer (null otherwise)
     * @param receiptExtended   the buyer extended the receipt already
     * @param groupForming      the order holds a seat in a group (拼团) that has not succeeded yet
     * @param ticketOrder       the order sells e-tickets: delivered as codes, never shipped, completed when every
     *                          ticket is settled (refunds go by ticket)
     */
    public record Facts(String orderId, String buyerId, String shopId, OrderStatus status, Instant payableUntil,
                        boolean refundOpen, boolean reviewed, boolean reviewWindowClosed, Instant afterSalesUntil,
                        boolean afterSalesClosed, boolean lineRefundable, boolean deleted, Instant autoConfirmAt,
                        boolean receiptExtended, boolean groupForming, boolean ticketOrder) {
    }

    private static final Set<OrderStatus> REFUNDABLE = EnumSet.of(TO_SHIP, SHIPPED, COMPLETED);
    private static final Set<OrderStatus> DELETABLE = EnumSet.of(COMPLETED, CANCELLED, CLOSED);

    private OrderRules() {
    }

    /** Throws the refusal if the caller may not take this action now. */
    public static void require(Action action, Facts order, Actor actor, Instant now) {
        Refusal refusal = refusal(action, order, actor, now);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** 404 when the order is not the caller's, 403 when their role may not take the action; the state aside. */
    public static void requireAccess(Action action, Facts order, Actor actor) {
        Refusal refusal = access(action, order, actor);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Why the caller may not take this action now; null when they may. */
    public static Refusal refusal(Action action, Facts o, Actor actor, Instant now) {
        Refusal access = access(action, o, actor);
        if (access != null) {
            return access;
        }
        return switch (action) {
            case PAY -> o.status() == CANCELLED ? Refusal.conflict("ORDER_NOT_PAYABLE", about(o) + " is cancelled")
                    : o.status() != PENDING_PAYMENT
                    ? Refusal.conflict("ORDER_ALREADY_PAID", about(o) + " was paid by another payment")
                    : now.isAfter(o.payableUntil())
                    ? Refusal.conflict("PAYMENT_WINDOW_CLOSED", about(o) + " was payable until " + o.payableUntil())
                    : null;
            case CANCEL -> status(o, "ORDER_NOT_CANCELLABLE", EnumSet.of(PENDING_PAYMENT));
            case EXPIRE -> o.status() == PENDING_PAYMENT && now.isBefore(o.payableUntil())
                    ? Refusal.conflict("NOT_YET_DUE", about(o) + " is payable until " + o.payableUntil())
                    : status(o, "ORDER_NOT_CANCELLABLE", EnumSet.of(PENDING_PAYMENT));
            case SHIP -> o.ticketOrder() ? Refusal.conflict("ORDER_NOT_SHIPPABLE", about(o)
                    + " sells e-tickets: delivered as codes, never shipped")
                    : firstOf(firstOf(status(o, "ORDER_NOT_SHIPPABLE", EnumSet.of(TO_SHIP)), unlocked(o)), forming(o));
            case CONFIRM_RECEIPT -> o.ticketOrder() ? Refusal.conflict("ORDER_NOT_RECEIVABLE", about(o)
                    + " completes when every ticket is used, expired or refunded")
                    : firstOf(status(o, "ORDER_NOT_RECEIVABLE", EnumSet.of(SHIPPED)), unlocked(o));
            case AUTO_CONFIRM -> firstOf(firstOf(status(o, "ORDER_NOT_RECEIVABLE", EnumSet.of(SHIPPED)), unlocked(o)),
                    o.autoConfirmAt() != null && now.isBefore(o.autoConfirmAt())
                            ? Refusal.conflict("NOT_YET_DUE", about(o) + " is confirmed for the buyer at "
                            + o.autoConfirmAt()) : null);
            case REVIEW -> firstOf(status(o, "ORDER_NOT_REVIEWABLE", EnumSet.of(COMPLETED)),
                    o.reviewWindowClosed() ? Refusal.conflict("REVIEW_WINDOW_CLOSED", about(o)
                            + " can no longer be reviewed")
                            : o.reviewed() ? Refusal.conflict("ORDER_ALREADY_REVIEWED", about(o) + " has been reviewed")
                            : null);
            case APPLY_REFUND -> firstOf(firstOf(status(o, "ORDER_NOT_REFUNDABLE", REFUNDABLE), forming(o)),
                    o.status() == COMPLETED && (o.afterSalesClosed() || now.isAfter(o.afterSalesUntil()))
                            ? Refusal.conflict("AFTER_SALES_WINDOW_CLOSED", "after-sales ended " + o.afterSalesUntil())
                            : null);
            case DELETE -> status(o, "ORDER_NOT_DELETABLE", DELETABLE);
            case ISSUE_INVOICE -> status(o, "ORDER_NOT_INVOICEABLE", REFUNDABLE);
            case MARK_PRINTED -> status(o, "ORDER_NOT_PRINTABLE", EnumSet.of(TO_SHIP, SHIPPED));
            case SELLER_REMARK -> null;
            case ADJUST_PRICE -> status(o, "ORDER_NOT_ADJUSTABLE", EnumSet.of(PENDING_PAYMENT));
            case CHANGE_RECEIVER -> status(o, "RECEIVER_NOT_CHANGEABLE", EnumSet.of(PENDING_PAYMENT, TO_SHIP));
            case EXTEND_RECEIPT -> firstOf(status(o, "ORDER_NOT_EXTENDABLE", EnumSet.of(SHIPPED)),
                    o.receiptExtended() ? Refusal.conflict("RECEIPT_ALREADY_EXTENDED", about(o)
                            + " had its receipt extended once")
                            : o.autoConfirmAt() == null || !now.isBefore(o.autoConfirmAt())
                            ? Refusal.conflict("ORDER_NOT_EXTENDABLE", about(o) + " is due to be confirmed now")
                            : null);
        };
    }

    /**
     * The buttons the caller sees: each action the rules allow, where it would also change something (a line left
     * to refund, an order not yet hidden).
     */
    public static Actions actions(Facts o, Actor actor, Instant now) {
        return new Actions(
                allowed(Action.PAY, o, actor, now),
                allowed(Action.CANCEL, o, actor, now),
                allowed(Action.SHIP, o, actor, now),
                allowed(Action.CONFIRM_RECEIPT, o, actor, now),
                allowed(Action.REVIEW, o, actor, now),
                allowed(Action.APPLY_REFUND, o, actor, now) && o.lineRefundable(),
                allowed(Action.DELETE, o, actor, now) && !o.deleted(),
                allowed(Action.EXTEND_RECEIPT, o, actor, now));
    }

    public static boolean allowed(Action action, Facts o, Actor actor, Instant now) {
        return refusal(action, o, actor, now) == null;
    }

    private static Refusal access(Action action, Facts o, Actor actor) {
        if (!Scope.of(actor).includes(o.buyerId(), o.shopId())) {
            return Refusal.orderNotFound(o.orderId());
        }
        if (!action.roles.contains(actor.role())) {
            return Refusal.forbidden("role " + actor.role().claim() + " may not do this");
        }
        return null;
    }

    private static Refusal status(Facts o, String code, Set<OrderStatus> allowed) {
        return allowed.contains(o.status()) ? null : Refusal.conflict(code, about(o) + " is " + o.status().value());
    }

    private static Refusal unlocked(Facts o) {
        return o.refundOpen() ? Refusal.conflict("ORDER_LOCKED", about(o) + " has a refund in progress") : null;
    }

    /** A group's orders wait for it: shipped once it succeeded, refunded in full by the platform if it fails. */
    private static Refusal forming(Facts o) {
        return o.groupForming() ? Refusal.conflict("GROUP_FORMING", about(o) + " waits for its group to form")
                : null;
    }

    private static Refusal firstOf(Refusal first, Refusal second) {
        return first != null ? first : second;
    }

    private static String about(Facts o) {
        return "order " + o.orderId();
    }
}
