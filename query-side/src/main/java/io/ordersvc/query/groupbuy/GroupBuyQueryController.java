package io.ordersvc.query.groupbuy;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.groupbuy.GroupBuyQuery;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupBuyPage;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupBuyView;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupList;
import io.ordersvc.shared.groupbuy.GroupBuyQuery.GroupView;
import io.ordersvc.shared.identity.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Group buying")
public class GroupBuyQueryController {

    private final QueryGateway queries;
    private final GroupBuyQueries groupBuys;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public GroupBuyQueryController(QueryGateway queries, GroupBuyQueries groupBuys, ReadModelWait wait,
                                   CurrentActor actor) {
        this.queries = queries;
        this.groupBuys = groupBuys;
        this.wait = wait;
        this.actor = actor;
    }

    @GetMapping("/group-buys")
    @Operation(operationId = "listGroupBuys", summary = "Group-buy campaigns, newest first (anyone signed in)",
            description = "shop_id, sku_id filter; active=true: running now, false: scheduled or ended.")
    public GroupBuyPage list(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64) String shopId,
                             @RequestParam(name = "sku_id", required = false) UUID skuId,
                             @RequestParam(required = false) @Pattern(regexp = "true|false",
                                     message = "must be true or false")
                             @Schema(allowableValues = {"true", "false"}) String active,
                             @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.query(new GroupBuyQuery.ListGroupBuys(shopId, skuId == null ? null : skuId.toString(),
                active == null ? null : Boolean.valueOf(active), page, size, actor.get()), GroupBuyPage.class).join();
    }

    @ProblemCodes(notFound = {"GROUP_BUY_NOT_FOUND"})
    @GetMapping("/group-buys/{groupBuyId}")
    @Operation(operationId = "getGroupBuy", summary = "One group-buy campaign (anyone signed in)")
    public ResponseEntity<GroupBuyView> groupBuy(@PathVariable UUID groupBuyId,
                                                 @RequestParam(name = "min_version", required = false)
                                                 @PositiveOrZero Long minVersion) {
        String id = groupBuyId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> groupBuys.campaignVersion(id),
                () -> queries.query(new GroupBuyQuery(id, caller), GroupBuyView.class).join());
    }

    @ProblemCodes(notFound = {"GROUP_BUY_NOT_FOUND"})
    @GetMapping("/group-buys/{groupBuyId}/groups")
    @Operation(operationId = "listJoinableGroups", summary = "Groups of a campaign a buyer may join now",
            description = "Forming groups whose leader paid and that have a seat left, soonest deadline first "
                    + "(the product page's 'join a group' list).")
    public GroupList joinable(@PathVariable UUID groupBuyId,
                              @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        return queries.query(new GroupBuyQuery.JoinableGroups(groupBuyId.toString(), limit, actor.get()),
                GroupList.class).join();
    }

    @ProblemCodes(notFound = {"GROUP_NOT_FOUND"})
    @GetMapping("/groups/{groupId}")
    @Operation(operationId = "getGroup", summary = "A group's page, its share link (anyone signed in)",
            description = "Status, seats left, deadline and the paid members with masked names (seed 001 "
                    + "group_identity).")
    public ResponseEntity<GroupView> group(@PathVariable UUID groupId,
                                           @RequestParam(name = "min_version", required = false)
                                           @PositiveOrZero Long minVersion) {
        String id = groupId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> groupBuys.groupVersion(id),
                () -> queries.query(new GroupBuyQuery.GroupQuery(id, caller), GroupView.class).join());
    }
}
