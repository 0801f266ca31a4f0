package io.ordersvc.query.member;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.shared.member.MemberQuery;
import io.ordersvc.shared.member.MemberQuery.LevelsQuery;
import io.ordersvc.shared.member.MemberQuery.LevelsView;
import io.ordersvc.shared.member.MemberQuery.MemberView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Promotions and member levels")
public class MemberQueryController {

    private final QueryGateway queries;
    private final CurrentActor actor;

    public MemberQueryController(QueryGateway queries, CurrentActor actor) {
        this.queries = queries;
        this.actor = actor;
    }

    @RolesAllowed({BUYER})
    @GetMapping("/members/me")
    @Operation(operationId = "myMembership", summary = "The buyer's member level (buyer)", description = "level and "
            + "name are null until a level is reached; spent counts what was paid for completed orders, less "
            + "refunds; next_level_at is the spending the next level needs (null at the top); discount_rate is the "
            + "member price's rate (1: none).")
    public MemberView me() {
        return queries.query(new MemberQuery(actor.get().id()), MemberView.class).join();
    }

    @GetMapping("/member-levels")
    @Operation(operationId = "memberLevels", summary = "The platform's member levels, lowest first (anyone signed in)")
    public LevelsView levels() {
        return queries.query(new LevelsQuery(), LevelsView.class).join();
    }
}
