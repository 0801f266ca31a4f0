package io.ordersvc.query.order;

import io.ordersvc.query.refund.RefundQueries;
import io.ordersvc.query.support.CustomPlans;
import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.checkout.LineType;
import io.ordersvc.shared.checkout.PriceBreakdown;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderViews;
import io.ordersvc.shared.order.OrderFilter;
import io.ordersvc.shared.order.OrderQuery;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.LineRefundState;
import io.ordersvc.shared.order.TimerType;
import io.ordersvc.shared.order.OrderViews.Actions;
import io.ordersvc.shared.order.OrderViews.LineView;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Scope;
import io.ordersvc.shared.refund.RefundQuery;
import io.ordersvc.shared.order.OrderViews.LogEntry;
import io.ordersvc.shared.order.OrderViews.OrderLogView;
import io.ordersvc.shared.order.OrderViews.OrderDetail;
import io.ordersvc.shared.order.OrderViews.OrderPage;
import io.ordersvc.shared.order.OrderViews.OrderSummary;
import io.ordersvc.shared.order.OrderViews.Payment;
import io.ordersvc.shared.order.OrderViews.Review;
import io.ordersvc.shared.order.OrderViews.ShipmentView;
import io.ordersvc.shared.order.OrderViews.StatusCounts;
import io.ordersvc.shared.order.OrderViews.SellerRemark;
import io.ordersvc.shared.order.SellerFlag;
import io.ordersvc.query.shop.ShopQueries;
import io.ordersvc.shared.order.OrderViews.Timer;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import org.axonframework.queryhandling.QueryHandler;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.hibernate.query.criteria.JpaExpression;
import org.hibernate.query.criteria.JpaSubQuery;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Value;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Answers the order read model's queries: detail, list, counts. */
@Component
@Transactional(readOnly = true)
public class OrderQueries {

    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {
    };
    private static final TypeReference<List<ShipmentLine>> SHIPMENT_LINES = new TypeReference<>() {
    };
    private static final TypeReference<PriceBreakdown> PRICE = new TypeReference<>() {
    };
    private static final TypeReference<OrderViews.InvoiceView> INVOICE = new TypeReference<>() {
    };

    private final OrderViewRepository orders;
    private final OrderLineRepository lines;
    private final ShipmentRepository shipments;
    private final ShipmentTrackingRepository tracking;
    private final io.ordersvc.shared.logistics.TrackingLinks links;
    private final OrderLogRepository log;
    private final OrderAccess access;
    private final EntityManager em;
    private final Clock clock;
    private final RefundQueries refunds;
    private final OrderCounters counters;
    private final int countCap;
    private final CustomPlans customPlans;

    private final ShopQueries shops;
    private final OrderFold fold;
    private final io.ordersvc.platform.privacy.PersonalDataVault vault;

    OrderQueries(OrderViewRepository orders, OrderLineRepository lines, ShipmentRepository shipments,
                 OrderLogRepository log, OrderAccess access, EntityManager em, Clock clock, RefundQueries refunds,
                 OrderCounters counters, @Value("${orders.list.count-cap:10000}") int countCap, CustomPlans customPlans,
                 ShopQueries shops, ShipmentTrackingRepository tracking,
                 io.ordersvc.shared.logistics.TrackingLinks links, OrderFold fold,
                 io.ordersvc.platform.privacy.PersonalDataVault vault) {
        this.vault = vault;
        this.fold = fold;
        this.shops = shops;
        this.tracking = tracking;
        this.links = links;
        this.countCap = countCap;
        this.customPlans = customPlans;
        this.counters = counters;
        this.refunds = refunds;
        this.orders = orders;
        this.lines = lines;
        this.shipments = shipments;
        this.log = log;
        this.access = access;
        this.em = em;
        this.clock = clock;
    }

    /**
     * The version the read model holds of the order. An archived order's detail is folded from the event store, so
     * it is never behind: any version asked for is there.
     */
    public Optional<Long> version(String orderId) {
        Optional<Long> hot = orders.findVersion(orderId);
        return hot.isPresent() || !access.archived(orderId) ? hot : Optional.of(Long.MAX_VALUE);
    }

    @QueryHandler
    public OrderDetail handle(OrderQuery.FindOrder query) {
        OrderViewEntity o = access.requireVisibleOrArchived(query.orderId(), query.actor()).orElse(null);
        if (o == null) { // archived: all of its events, folded
            OrderFold.Folded all = fold.all(query.orderId());
            return detail(all.order(), all.lines(), all.shipments(), traced(query.orderId()), all.refunds(),
                    all.log(), query.actor(), true);
        }
        return detail(o, lines.findByOrderIdOrderByPosition(o.orderId),
                shipments.findByOrderIdOrderByShippedAtAsc(o.orderId), traced(o.orderId), refunds.ofOrder(o.orderId),
                log.findByOrderIdOrderBySequenceAsc(o.orderId), query.actor(), true);
    }

    private Map<String, ShipmentTrackingEntity> traced(String orderId) {
        Map<String, ShipmentTrackingEntity> traced = new HashMap<>();
        tracking.findByOrderId(orderId).forEach(t -> traced.put(t.shipmentId, t));
        return traced;
    }

    /**
     * Time travel: the order as it was after its events up to a version, or those stored by an instant, folded by
     * the projections' own handlers ({@link OrderFold}). Its refunds as they were then; no actions (the past cannot
     * be acted on) and no carrier traces (they are the tracking page's, and not the order's events).
     */
    @QueryHandler
    public OrderDetail handle(OrderQuery.FindOrderAsOf query) {
        var stream = fold.stream(query.orderId());
        if (stream.isEmpty() || !(stream.get(0).getPayload() instanceof OrderPlaced placed)
                || !Scope.of(query.actor()).includes(placed.buyerId(), placed.shopId())) {
            throw Refusal.orderNotFound(query.orderId());
        }
        if (!query.actor().is(Role.ADMIN) && !query.actor().isBuyer(placed.buyerId())) {
            throw Refusal.forbidden("an order's past is shown to its buyer and to admins");
        }
        int upTo = 0;
        while (upTo < stream.size() && (query.atVersion() != null
                ? stream.get(upTo).getSequenceNumber() <= query.atVersion()
                : !stream.get(upTo).getTimestamp().isAfter(query.asOf()))) {
            upTo++;
        }
        if (upTo == 0) {
            throw Refusal.notFound("ORDER_NOT_FOUND", "order " + query.orderId() + " was placed after " + query.asOf());
        }
        long latest = stream.get(stream.size() - 1).getSequenceNumber();
        if (query.atVersion() != null && query.atVersion() > latest) {
            throw Refusal.notFound("ORDER_VERSION_NOT_FOUND", "order " + query.orderId() + " is at version " + latest
                    + ", not yet at_version " + query.atVersion());
        }
        // Refunds as they were until the order's next event (at a version) or at the instant.
        Instant refundsUntil = query.atVersion() == null ? query.asOf()
                : upTo < stream.size() ? stream.get(upTo).getTimestamp().minusNanos(1) : null;
        OrderFold.Folded then = fold.fold(stream.subList(0, upTo), refundsUntil);
        return detail(then.order(), then.lines(), then.shipments(), Map.of(), then.refunds(), then.log(),
                query.actor(), false);
    }

    /** The detail of an order's rows, read from the tables or folded; {@code live}: with what the caller may do now. */
    private OrderDetail detail(OrderViewEntity o, List<OrderLineEntity> lineRows, List<ShipmentEntity> shipmentRows,
                               Map<String, ShipmentTrackingEntity> traced, List<RefundQuery.RefundSummary> refundRows,
                               List<OrderLogEntity> logRows, Actor actor, boolean live) {
        List<LineView> lineViews = lineRows.stream().map(OrderQueries::line).toList();
        List<ShipmentView> shipmentViews = shipmentRows.stream()
                .map(s -> {
                    ShipmentTrackingEntity t = traced.get(s.shipmentId);
                    List<io.ordersvc.shared.logistics.Trace> traces = t == null ? List.of()
                            : JsonText.read(t.traces, TrackingProjection.TRACES);
                    return new ShipmentView(s.shipmentId, s.carrierCode, s.carrierName, s.trackingNo,
                            JsonText.read(s.lines, SHIPMENT_LINES), s.shippedAt, t != null && t.delivered,
                            traces.isEmpty() ? null : traces.get(traces.size() - 1),
                            links.url(s.carrierCode, s.trackingNo).orElse(null));
                })
                .toList();
        Payment payment = o.paidAt == null ? null
                : new Payment(Money.of(o.paidAmount), o.payChannel, o.transactionNo, o.paidAt);
        Review review = o.reviewRating == null ? null : new Review(o.reviewRating, o.reviewContent, o.reviewedAt);
        ShopQueries.ShopName shop = shops.names(List.of(o.shopId)).get(o.shopId);
        return new OrderDetail(o.orderId, o.orderNo, OrderStatus.fromValue(o.status), OrderType.fromValue(o.orderType),
                o.buyerId, o.shopId, shop == null ? null : shop.name(), shop == null ? null : shop.servicePhone(),
                o.reviewPending, o.refundInProgress, o.deletedByBuyer, Money.of(o.goodsAmount),
                Money.of(o.shippingFee), Money.of(o.discountAmount), Money.of(o.payAmount), o.pointsAmount,
                o.pointsEarned, receiver(o, actor), o.buyerRemark, o.createdAt, o.payableUntil, payment, o.shippedAt,
                o.completedAt, o.cancelledAt, o.cancelReason, review, lineViews, shipmentViews,
                refundRows, logRows.stream().map(OrderQueries::entry).toList(),
                live ? OrderActionsPolicy.of(o, lineViews, actor, clock.instant()) : Actions.NONE, timers(o),
                price(o), o.payNo, o.invoice == null ? null : JsonText.read(o.invoice, INVOICE), o.printed,
                o.receiptExtended, OrderStatus.SHIPPED.value().equals(o.status) ? o.autoConfirmAt : null,
                sellerRemark(o, actor), o.version, group(o), tickets(o));
    }

    private static io.ordersvc.shared.ticket.TicketQuery.TicketCounts tickets(OrderViewEntity o) {
        return !o.ticketOrder ? null : new io.ordersvc.shared.ticket.TicketQuery.TicketCounts(o.ticketsUnused,
                o.ticketsUsed, o.ticketsExpired, o.ticketsRefunded);
    }

    private static io.ordersvc.shared.groupbuy.GroupRef group(OrderViewEntity o) {
        return o.groupId == null ? null : new io.ordersvc.shared.groupbuy.GroupRef(o.groupId, o.groupBuyId,
                io.ordersvc.shared.groupbuy.GroupStatus.valueOf(o.groupStatus.toUpperCase(java.util.Locale.ROOT)));
    }

    @QueryHandler
    public OrderViews.TrackingView handle(OrderQuery.ShipmentTracking query) {
        access.requireVisibleOrArchived(query.orderId(), query.actor());
        ShipmentEntity s = shipments.findById(query.shipmentId()).filter(x -> x.orderId.equals(query.orderId()))
                .orElseThrow(() -> io.ordersvc.shared.error.Refusal.notFound("SHIPMENT_NOT_FOUND", "order "
                        + query.orderId() + " has no shipment " + query.shipmentId()));
        ShipmentTrackingEntity t = tracking.findById(s.shipmentId).orElse(null);
        return new OrderViews.TrackingView(s.shipmentId, s.carrierCode, s.carrierName, s.trackingNo,
                links.url(s.carrierCode, s.trackingNo).orElse(null), t != null && t.delivered,
                t == null ? List.of() : JsonText.read(t.traces, TrackingProjection.TRACES));
    }

    @QueryHandler
    public OrderLogView handle(OrderQuery.OrderLog query) {
        if (access.requireVisibleOrArchived(query.orderId(), query.actor()).isEmpty()) {
            return new OrderLogView(fold.all(query.orderId()).log().stream()
                    .map(OrderQueries::entry).toList());
        }
        return new OrderLogView(entries(query.orderId()));
    }

    private List<LogEntry> entries(String orderId) {
        return log.findByOrderIdOrderBySequenceAsc(orderId).stream().map(OrderQueries::entry).toList();
    }

    private static LogEntry entry(OrderLogEntity e) {
        return new LogEntry(e.at, e.actorRole, e.actorId, e.action, e.message, OrderStatus.fromValue(e.statusAfter));
    }

    /** The orders whose receiver's search tokens match, when few (OrderSpecifications.ReceiverMatches). */
    java.util.Optional<List<String>> fewReceiverMatches(io.ordersvc.platform.privacy.PersonalDataVault.TokenSearch
                                                                search) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        var q = cb.createQuery(String.class);
        var t = q.from(ReceiverTokenEntity.class);
        q.select(t.get("orderId")).where(OrderSpecifications.hasTokens((HibernateCriteriaBuilder) cb, t, search));
        return few(q);
    }

    /** The orders whose product names or tracking numbers hold a text, when few (OrderSpecifications.TextMatches). */
    java.util.Optional<List<String>> fewTextMatches(OrderSpecifications.Searchable what, String text, String buyerId,
                                                    String shopId) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        var q = cb.createQuery(String.class);
        var match = OrderSpecifications.match(q, cb, what, text, buyerId, shopId);
        q.select(match.orderId()).where(match.where());
        return few(q);
    }

    /**
     * The ids a query of matching orders answers, when at most OrderSpecifications.FEW_MATCHES rows; else empty. An
     * order with two matching shipments is named once; no DISTINCT in the query, which would read every match before
     * the limit.
     */
    private java.util.Optional<List<String>> few(jakarta.persistence.criteria.CriteriaQuery<String> q) {
        List<String> ids = em.createQuery(q).setMaxResults(OrderSpecifications.FEW_MATCHES + 1).getResultList();
        return ids.size() > OrderSpecifications.FEW_MATCHES ? java.util.Optional.empty()
                : java.util.Optional.of(ids.stream().distinct().toList());
    }

    @QueryHandler
    public OrderPage handle(OrderQuery.ListOrders query) {
        customPlans.forThisTransaction();
        Specification<OrderViewEntity> matching = OrderSpecifications.matching(query.filter(), query.actor(), vault,
                this::fewReceiverMatches, this::fewTextMatches);
        int offset = (query.page() - 1) * query.size();
        CriteriaBuilder cb = em.getCriteriaBuilder();
        var q = cb.createQuery(OrderViewEntity.class);
        var root = q.from(OrderViewEntity.class);
        q.where(matching.toPredicate(root, q, cb))
                .orderBy(cb.desc(root.get("createdAt")), cb.desc(root.get("orderNo")));
        List<OrderViewEntity> content = em.createQuery(q).setFirstResult(offset).setMaxResults(query.size())
                .getResultList();
        Total total = total(matching, offset, query.size(), content.size());
        List<String> ids = content.stream().map(o -> o.orderId).toList();
        Map<String, List<LineView>> linesByOrder = ids.isEmpty() ? Map.of()
                : lines.findByOrderIdInOrderByOrderIdAscPositionAsc(ids).stream()
                .collect(Collectors.groupingBy(l -> l.orderId, Collectors.mapping(OrderQueries::line,
                        Collectors.toList())));
        boolean masked = query.actor().is(Role.SYSTEM);
        Map<String, ShopQueries.ShopName> shopNames = shops.names(content.stream().map(o -> o.shopId)
                .collect(Collectors.toSet()));
        List<OrderSummary> items = content.stream()
                .map(o -> new OrderSummary(o.orderId, o.orderNo, OrderStatus.fromValue(o.status),
                        OrderType.fromValue(o.orderType), o.buyerId, o.shopId,
                        shopNames.containsKey(o.shopId) ? shopNames.get(o.shopId).name() : null,
                        shopNames.containsKey(o.shopId) ? shopNames.get(o.shopId).servicePhone() : null,
                        o.reviewPending, o.refundInProgress,
                        Money.of(o.goodsAmount), Money.of(o.shippingFee), Money.of(o.discountAmount),
                        Money.of(o.payAmount), o.pointsAmount,
                        masked ? Receiver.maskName(vault.open(o.receiverName)) : vault.open(o.receiverName),
                        masked ? Receiver.maskPhone(vault.open(o.receiverPhone)) : vault.open(o.receiverPhone),
                        o.createdAt,
                        o.payableUntil, linesByOrder.getOrDefault(o.orderId, List.of()), o.payNo, o.printed,
                        sellerRemark(o, query.actor()), o.version, group(o), tickets(o)))
                .toList();
        return OrderPage.of(items, query.page(), query.size(), total.count(), total.exact());
    }

    private record Total(long count, boolean exact) {
    }

    /**
     * How many orders match, counted up to the cap: counting every match of a broad search (a common word among a
     * million orders) took hundreds of milliseconds per page, while a page itself stops after its rows. A page that
     * is not full tells the exact total without counting at all.
     */
    private Total total(Specification<OrderViewEntity> matching, int offset, int size, int found) {
        if ((found > 0 && found < size) || (found == 0 && offset == 0)) {
            return new Total(offset + found, true);
        }
        // SELECT count(*) FROM (SELECT 1 FROM order_view WHERE ... FETCH FIRST cap + 1 ROWS ONLY): one row back, not
        // up to ten thousand for the count to be taken in Java.
        var cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
        JpaCriteriaQuery<Long> q = cb.createQuery(Long.class);
        var matches = (JpaSubQuery<Integer>) q.subquery(Integer.class);
        var root = matches.from(OrderViewEntity.class);
        // A derived table's columns need names; alias() names the literal and hands the same expression back.
        matches.select((JpaExpression<Integer>) cb.literal(1).alias("matched"))
                .where(matching.toPredicate(root, q, cb));
        matches.fetch(countCap + 1);
        q.from(matches);
        q.select(cb.count());
        long counted = em.createQuery(q).getSingleResult();
        return counted <= countCap ? new Total(counted, true)
                : new Total(Math.max(countCap, offset + found), false);
    }

    @QueryHandler
    public StatusCounts handle(OrderQuery.CountOrdersByStatus query) {
        Actor actor = query.actor();
        if (actor.is(Role.ADMIN) && query.filter().withoutStatus().equals(OrderFilter.NONE)) {
            return counters.totals();
        }
        customPlans.forThisTransaction();
        CriteriaBuilder cb = em.getCriteriaBuilder();
        var q = cb.createTupleQuery();
        var root = q.from(OrderViewEntity.class);
        var status = root.<String>get("status");
        // count(*), not count(order_id): order_id is not in the status indexes, and naming it forced a visit to
        // every order's row where the index alone answers (V12).
        q.multiselect(status, ((HibernateCriteriaBuilder) cb).count(),
                cb.sum(cb.<Long>selectCase().when(cb.isTrue(root.get("reviewPending")), 1L).otherwise(0L)),
                cb.sum(cb.<Long>selectCase().when(cb.isTrue(root.get("refundInProgress")), 1L).otherwise(0L)),
                cb.sum(cb.<Long>selectCase().when(cb.isFalse(root.get("printed")), 1L).otherwise(0L)));
        q.where(OrderSpecifications.matching(query.filter().withoutStatus(), actor, vault,
                this::fewReceiverMatches, this::fewTextMatches).toPredicate(root, q, cb));
        q.groupBy(status);
        Map<String, Long> byStatus = new HashMap<>();
        long reviewPending = 0;
        long refunding = 0;
        long notPrinted = 0;
        for (Tuple t : em.createQuery(q).getResultList()) {
            byStatus.put(t.get(0, String.class), t.get(1, Long.class));
            reviewPending += number(t.get(2));
            refunding += number(t.get(3));
            if (OrderStatus.TO_SHIP.value().equals(t.get(0, String.class))) {
                notPrinted = number(t.get(4));
            }
        }
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new StatusCounts(all, byStatus.getOrDefault(OrderStatus.PENDING_PAYMENT.value(), 0L),
                byStatus.getOrDefault(OrderStatus.TO_SHIP.value(), 0L), byStatus.getOrDefault(OrderStatus.SHIPPED.value(), 0L),
                byStatus.getOrDefault(OrderStatus.COMPLETED.value(), 0L), reviewPending, byStatus.getOrDefault(OrderStatus.CANCELLED.value(), 0L),
                byStatus.getOrDefault(OrderStatus.CLOSED.value(), 0L), refunding, notPrinted);
    }

    /** The shop's remark and flag, for the shop and admins only; null when there is none or the caller is another. */
    private static SellerRemark sellerRemark(OrderViewEntity o, Actor actor) {
        if (o.sellerRemark == null && o.sellerFlag == null || !(actor.is(Role.ADMIN) || actor.isSellerOf(o.shopId))) {
            return null;
        }
        return new SellerRemark(o.sellerRemark, o.sellerFlag == null ? null : SellerFlag.fromValue(o.sellerFlag),
                o.sellerRemarkAt);
    }

    /** The deadlines the order timers hold for this order: the due dates its events stated. */
    private List<Timer> timers(OrderViewEntity o) {
        List<Timer> timers = new java.util.ArrayList<>();
        switch (OrderStatus.fromValue(o.status)) {
            case PENDING_PAYMENT -> timers.add(new Timer(TimerType.PAYMENT_TIMEOUT, o.payableUntil));
            case SHIPPED -> {
                if (!o.refundInProgress && o.autoConfirmAt != null) { // held while a refund is open
                    timers.add(new Timer(TimerType.AUTO_CONFIRM, o.autoConfirmAt));
                }
            }
            case COMPLETED -> {
                if (o.reviewPending) {
                    timers.add(new Timer(TimerType.REVIEW_WINDOW, o.reviewUntil));
                }
                if (!o.afterSalesClosed) {
                    timers.add(new Timer(TimerType.AFTER_SALES_WINDOW, o.afterSalesUntil));
                }
            }
            default -> {
            }
        }
        return timers;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static LineView line(OrderLineEntity l) {
        return new LineView(l.orderLineId, l.productId, l.skuId, l.skuCode, l.productName, l.imageUrl,
                JsonText.read(l.properties, PROPERTIES), Money.of(l.unitPrice), l.pointsPrice, l.quantity,
                Money.of(l.lineTotal), l.shippedQuantity, LineRefundState.fromValue(l.refundState),
                Money.of(l.refundedAmount), LineType.valueOf(l.lineType.toUpperCase(Locale.ROOT)),
                Money.of(l.memberPrice), Money.of(l.discountShare), Money.of(l.paidAmount), l.promotionId);
    }

    /** Rows written before orders carried their price (migration V6) have none: their amounts are the price. */
    private static PriceBreakdown price(OrderViewEntity o) {
        return o.price != null ? JsonText.read(o.price, PRICE)
                : PriceBreakdown.legacy(Money.of(o.goodsAmount), Money.of(o.shippingFee), Money.of(o.discountAmount),
                Money.of(o.payAmount), o.pointsAmount, o.pointsEarned);
    }

    /**
     * The receiver opened ("[erased]" once its buyer was erased). The system role (payment gateways, jobs) needs
     * amounts and states, not who lives where: it sees it masked.
     */
    private Receiver receiver(OrderViewEntity o, Actor actor) {
        Receiver receiver = new Receiver(vault.open(o.receiverName), vault.open(o.receiverPhone), o.receiverProvince,
                o.receiverCity, o.receiverDistrict, vault.open(o.receiverAddress), o.receiverZipcode,
                o.receiverRegionCode);
        return actor.is(Role.SYSTEM) ? receiver.masked() : receiver;
    }
}
