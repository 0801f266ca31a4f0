package io.ordersvc.command.member;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.member.MemberCommand;
import io.ordersvc.shared.member.MemberCommand.AssignMemberLevel;
import io.ordersvc.shared.member.MemberCommand.SetMemberLevels;
import io.ordersvc.shared.member.MemberLevel;
import io.ordersvc.shared.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Promotions and member levels")
public class MemberCommandController {

    private final Commands commands;
    private final CurrentActor actor;

    public MemberCommandController(Commands commands, CurrentActor actor) {
        this.commands = commands;
        this.actor = actor;
    }

    record LevelRequest(@NotNull @Min(0) @Max(1000) @Schema(example = "1") Integer level,
                        @NotBlank @Size(max = 50) @SingleLine @Schema(example = "黄金会员") String name,
                        @NotNull @MinAmount("0.00") @Schema(type = "string", example = "1000.00") Money minSpent,
                        @NotNull @DecimalMin(value = "0.00", inclusive = false) @DecimalMax("1.00")
                        @Digits(integer = 1, fraction = 2) @Schema(example = "0.95") BigDecimal discountRate) {
    }

    record AssignRequest(@NotNull @Min(0) @Max(1000) @Schema(example = "2") Integer level) {
    }

    @RolesAllowed({ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_MEMBER_LEVELS"})
    @PutMapping("/member-levels")
    @Operation(operationId = "setMemberLevels", summary = "Replace the member levels (admin)",
            description = "A buyer reaches a level when the amount paid on completed orders (less refunds) reaches "
                    + "its min_spent, and buys at discount_rate × the list price. Levels rise in min_spent; a higher "
                    + "level never pays more.")
    public PlatformMemberLevels.LevelsAck setLevels(@NotNull @Size(min = 1, max = 50) @RequestBody
                                                    List<@Valid @NotNull LevelRequest> body) {
        return commands.send(new SetMemberLevels(MemberCommand.LEVELS_ID, body.stream().map(l -> new MemberLevel(
                l.level(), l.name().strip(), l.minSpent(), l.discountRate())).toList(), actor.get()));
    }

    @RolesAllowed({ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_MEMBER_LEVEL"})
    @PutMapping("/members/{buyerId}/level")
    @Operation(operationId = "assignMemberLevel", summary = "Set a buyer's level (admin)",
            description = "A floor: the buyer's spending still promotes them past it.")
    public Member.MemberAck assign(@PathVariable @Size(min = 1, max = 64) @SingleLine String buyerId,
                                   @Valid @RequestBody AssignRequest body) {
        return commands.send(new AssignMemberLevel(MemberCommand.memberId(buyerId), buyerId, body.level(),
                actor.get()));
    }
}
