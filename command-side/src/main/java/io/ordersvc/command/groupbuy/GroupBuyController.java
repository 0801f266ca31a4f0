package io.ordersvc.command.groupbuy;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.CreateGroupBuy;
import io.ordersvc.shared.groupbuy.GroupBuyCommand.EndGroupBuy;
import io.ordersvc.shared.groupbuy.GroupBuyTerms;
import io.ordersvc.shared.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1/group-buys")
@Tag(name = "Group buying")
public class GroupBuyController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public GroupBuyController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record GroupBuyRequest(@NotNull UUID skuId,
                           @NotNull @MinAmount("0.01") @Schema(type = "string", example = "59.90") Money groupPrice,
                           @NotNull @Min(2) @Max(GroupBuyTerms.MAX_SIZE) @Schema(example = "3") Integer groupSize,
                           @NotNull @Schema(type = "string", example = "PT24H",
                                   description = "ISO-8601: how long a group has to fill, 5 minutes to 7 days")
                           Duration duration,
                           @NotNull @Min(0) @Max(10_000) @Schema(example = "2", description = "units one buyer may "
                                   + "take in the whole group buy; 0: no limit") Integer perBuyerLimit,
                           @NotNull @Schema(example = "2030-11-11T00:00:00Z") Instant startsAt,
                           @NotNull @Schema(example = "2030-11-18T00:00:00Z") Instant endsAt,
                           @Schema(description = "at the deadline, a group whose leader paid succeeds with the "
                                   + "seats left filled by the platform (模拟成团) instead of failing") Boolean autoFill) {

        GroupBuyTerms terms() {
            return new GroupBuyTerms(groupPrice, groupSize, duration, perBuyerLimit, startsAt, endsAt,
                    autoFill != null && autoFill);
        }
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_GROUP_BUY", "UNKNOWN_SKU"})
    @PostMapping
    @Operation(operationId = "createGroupBuy", summary = "Run a group buy of one SKU (seller: own shop; admin)",
            description = "Buyers open a group with POST /orders and \"group\":{\"group_buy_id\"}, others join it with "
                    + "\"group\":{\"group_id\"} once its leader paid. A group order costs group_price per unit, ships "
                    + "free and takes no member price or promotion. Terms never change: end it and create another.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new group buy",
            useReturnTypeSchema = true)
    public ResponseEntity<GroupBuy.GroupBuyAck> create(@Valid @RequestBody GroupBuyRequest body) {
        String id = ids.generateId().toString();
        GroupBuy.GroupBuyAck ack = commands.send(new CreateGroupBuy(id, body.skuId().toString(), body.terms(),
                actor.get()));
        return ResponseEntity.created(URI.create("/api/v1/group-buys/" + id)).body(ack);
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"GROUP_BUY_NOT_FOUND"}, conflict = {"GROUP_BUY_ENDED"})
    @PostMapping("/{groupBuyId}/end")
    @Operation(operationId = "endGroupBuy", summary = "Stop opening new groups now (its shop's seller, admin)",
            description = "Groups already forming go on until their deadline; their members may still join.")
    public GroupBuy.GroupBuyAck end(@PathVariable UUID groupBuyId) {
        return commands.send(new EndGroupBuy(groupBuyId.toString(), actor.get()),
                () -> io.ordersvc.shared.error.Refusal.groupBuyNotFound(groupBuyId.toString()));
    }
}
