package io.ordersvc.query.order;

import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.ProblemWriter;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.order.OrderFilter;
import io.ordersvc.shared.order.OrderQuery;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.OrderViews.HistoryEntry;
import io.ordersvc.shared.order.OrderViews.LogEntry;
import io.ordersvc.shared.order.OrderViews.OrderDetail;
import io.ordersvc.shared.order.OrderViews.OrderHistoryView;
import io.ordersvc.shared.order.OrderViews.OrderLogView;
import io.ordersvc.shared.order.OrderViews.OrderPage;
import io.ordersvc.shared.order.OrderViews.StatusCounts;
import io.ordersvc.shared.order.SellerFlag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.*;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders — queries")
public class OrderQueryController {

    private static final String STATUSES = "pending_payment|to_ship|shipped|completed|cancelled|closed"
            + "|review_pending|refund_in_progress";

    private final QueryGateway queries;
    private final OrderQueries orders;
    private final CurrentActor actor;
    private final ReadModelWait wait;

    public OrderQueryController(QueryGateway queries, OrderQueries orders, CurrentActor actor, ReadModelWait wait) {
        this.queries = queries;
        this.orders = orders;
        this.actor = actor;
        this.wait = wait;
    }

    @GetMapping
    @ProblemCodes(badRequest = {"KEYWORD_TOO_SHORT"})
    @Operation(operationId = "listOrders", summary = "List orders, newest first", description = "buyer: own; seller: own shop; admin: all. "
            + "All filters are optional and combine with AND. `total` counts the matches up to a cap (10,000 by "
            + "default): beyond it `total` is that cap (or more, on deeper pages) and `total_exact` is false. "
            + "`receiver_name` and `receiver_phone` searches match the name, or the phone's digits (at least 3), "
            + "anywhere; an erased buyer's orders match neither.")
    public OrderPage list(
            @RequestParam(required = false) @Pattern(regexp = STATUSES) String status,
            @RequestParam(name = "order_type", required = false) @Pattern(regexp = "physical|points_exchange")
            String orderType,
            @RequestParam(name = "order_no", required = false) @Pattern(regexp = "[0-9]{1,20}") String orderNo,
            @RequestParam(name = "created_from", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
            @RequestParam(name = "created_to", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
            @RequestParam(name = "product_name", required = false) @Size(min = 1, max = 100) String productName,
            @RequestParam(name = "keyword_type", required = false)
            @Pattern(regexp = "goods_name|order_no|receiver_name|receiver_phone|tracking_no") String keywordType,
            @RequestParam(required = false) @Size(min = 1, max = 100) String keyword,
            @RequestParam(name = "refund_state", required = false) @Pattern(regexp = "in_progress|finished")
            String refundState,
            @RequestParam(name = "buyer_id", required = false) @Size(min = 1, max = 64) String buyerId,
            @RequestParam(required = false) @Pattern(regexp = "true|false", message = "must be true or false")
            @Schema(allowableValues = {"true", "false"}, description = "the waybill marked printed, or not")
            String printed,
            @RequestParam(required = false) @Pattern(regexp = "red|yellow|green|blue")
            @Schema(description = "the shop's flag (sellers and admins)") String flag,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        OrderFilter filter = filter(status, orderType, orderNo, createdFrom, createdTo, productName, keywordType,
                keyword, refundState, buyerId, printed, flag);
        return queries.query(new OrderQuery.ListOrders(filter, page, size, actor.get()), OrderPage.class).join();
    }

    @GetMapping("/history")
    @Operation(operationId = "listOrderHistory", summary = "Archived orders, newest first",
            description = "Orders finished more than ORDERS_ARCHIVE_AFTER (90 days by default) ago: cancelled, closed, "
                    + "or completed with the after-sales window shut. They have left the order list; their detail "
                    + "(GET /orders/{id}) is still there. buyer: own (not hidden); seller: own shop; admin: all, or "
                    + "buyer_id / shop_id.")
    public io.ordersvc.shared.order.OrderViews.HistoryPage history(
            @RequestParam(name = "buyer_id", required = false) @Size(min = 1, max = 64)
            @Schema(description = "admins only") String buyerId,
            @RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64)
            @Schema(description = "admins only") String shopId,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new OrderQuery.ListArchived(buyerId, shopId, page, size, actor.get()),
                io.ordersvc.shared.order.OrderViews.HistoryPage.class).join();
    }

    @GetMapping("/status-counts")
    @ProblemCodes(badRequest = {"KEYWORD_TOO_SHORT"})
    @Operation(operationId = "countOrdersByStatus", summary = "Order counts by status", description = "Same filters and scope as the list, except status.")
    public StatusCounts statusCounts(
            @RequestParam(name = "order_type", required = false) @Pattern(regexp = "physical|points_exchange")
            String orderType,
            @RequestParam(name = "order_no", required = false) @Pattern(regexp = "[0-9]{1,20}") String orderNo,
            @RequestParam(name = "created_from", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
            @RequestParam(name = "created_to", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
            @RequestParam(name = "product_name", required = false) @Size(min = 1, max = 100) String productName,
            @RequestParam(name = "keyword_type", required = false)
            @Pattern(regexp = "goods_name|order_no|receiver_name|receiver_phone|tracking_no") String keywordType,
            @RequestParam(required = false) @Size(min = 1, max = 100) String keyword,
            @RequestParam(name = "refund_state", required = false) @Pattern(regexp = "in_progress|finished")
            String refundState,
            @RequestParam(name = "buyer_id", required = false) @Size(min = 1, max = 64) String buyerId,
            @RequestParam(required = false) @Pattern(regexp = "true|false", message = "must be true or false")
            @Schema(allowableValues = {"true", "false"}) String printed,
            @RequestParam(required = false) @Pattern(regexp = "red|yellow|green|blue") String flag) {
        OrderFilter filter = filter(null, orderType, orderNo, createdFrom, createdTo, productName, keywordType,
                keyword, refundState, buyerId, printed, flag);
        return queries.query(new OrderQuery.CountOrdersByStatus(filter, actor.get()), StatusCounts.class).join();
    }

    @ProblemCodes(notFound = {"ORDER_NOT_FOUND", "ORDER_VERSION_NOT_FOUND"}, badRequest = {"AMBIGUOUS_POINT_IN_TIME"})
    @GetMapping("/{orderId}")
    @Operation(operationId = "getOrder", summary = "An order with lines, receiver, shipments, log, version and the caller's actions",
            description = "min_version=N waits up to 5 s for the read model to reach version N; past that the "
                    + "answer carries X-Read-Model-Stale: true. Time travel (the order's buyer and admins): "
                    + "as_of=<instant> or at_version=N answers the order as it was then, folded from its events by "
                    + "the projections' own code, with no actions.")
    public ResponseEntity<OrderDetail> detail(@PathVariable UUID orderId,
                                              @RequestParam(name = "min_version", required = false)
                                              @PositiveOrZero Long minVersion,
                                              @RequestParam(name = "as_of", required = false)
                                              @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                              @RequestParam(name = "at_version", required = false)
                                              @PositiveOrZero Long atVersion) {
        String id = orderId.toString();
        Actor caller = actor.get();
        if (asOf != null || atVersion != null) {
            return ResponseEntity.ok(queries.query(new OrderQuery.FindOrderAsOf(id,
                    OrderQuery.FindOrderAsOf.pointInTime(asOf, atVersion), atVersion, caller), OrderDetail.class)
                    .join());
        }
        return wait.read(caller, minVersion, () -> orders.version(id),
                () -> queries.query(new OrderQuery.FindOrder(id, caller), OrderDetail.class).join());
    }

    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"})
    @GetMapping("/{orderId}/log")
    @Operation(operationId = "getOrderLog", summary = "Who did what to the order, oldest first")
    public ResponseEntity<List<LogEntry>> log(@PathVariable UUID orderId,
                                              @RequestParam(name = "min_version", required = false)
                                              @PositiveOrZero Long minVersion) {
        String id = orderId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> orders.version(id),
                () -> queries.query(new OrderQuery.OrderLog(id, caller), OrderLogView.class).join().entries());
    }

    @ProblemCodes(notFound = {"ORDER_NOT_FOUND", "SHIPMENT_NOT_FOUND"})
    @GetMapping("/{orderId}/shipments/{shipmentId}/tracking")
    @Operation(operationId = "getShipmentTracking", summary = "A parcel's tracking link and traces",
            description = "url comes only from the configured template of the carrier code (https, allowed hosts; "
                    + "absent for a carrier without one); traces are what the carrier's signed notifications "
                    + "reported, oldest first; delivered once the carrier said so.")
    public io.ordersvc.shared.order.OrderViews.TrackingView tracking(@PathVariable UUID orderId, @PathVariable UUID shipmentId) {
        return queries.query(new OrderQuery.ShipmentTracking(orderId.toString(), shipmentId.toString(), actor.get()),
                io.ordersvc.shared.order.OrderViews.TrackingView.class).join();
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"})
    @GetMapping("/{orderId}/history")
    @Operation(operationId = "getOrderHistory", summary = "The order's events as stored, with metadata (owner, admin)")
    public List<HistoryEntry> history(@PathVariable UUID orderId) {
        return queries.query(new OrderQuery.OrderHistory(orderId.toString(), actor.get()), OrderHistoryView.class)
                .join().events();
    }

    /**
     * The list's filters. A keyword without its type (or a type without a keyword) is refused: alone, it filtered
     * nothing, and a client that forgot the type got every order back as if they had matched.
     */
    private static OrderFilter filter(String status, String orderType, String orderNo, Instant createdFrom,
                                      Instant createdTo, String productName, String keywordType, String keyword,
                                      String refundState, String buyerId, String printed, String flag) {
        if ((keyword == null) != (keywordType == null)) {
            String missing = keyword == null ? "keyword" : "keyword_type";
            String given = keyword == null ? "keyword_type" : "keyword";
            throw Refusal.badRequest("VALIDATION_FAILED", "The request is not valid")
                    .with("errors", List.of(new ProblemWriter.FieldProblem(missing, "must be given with " + given)));
        }
        return new OrderFilter(status, orderType == null ? null : OrderType.fromValue(orderType), orderNo,
                createdFrom, createdTo, productName,
                keywordType == null ? null : OrderFilter.KeywordType.valueOf(keywordType.toUpperCase(Locale.ROOT)),
                keyword, refundState, buyerId, printed == null ? null : Boolean.valueOf(printed),
                flag == null ? null : SellerFlag.fromValue(flag));
    }
}
