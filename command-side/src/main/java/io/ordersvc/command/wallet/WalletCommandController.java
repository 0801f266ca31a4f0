package io.ordersvc.command.wallet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.WalletCommand;
import io.ordersvc.shared.wallet.WalletCommand.AdjustBalance;
import io.ordersvc.shared.wallet.WalletCommand.AdjustPoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SYSTEM;

@RestController
@RequestMapping("/api/v1/members/{buyerId}")
@Tag(name = "Points and balance")
public class WalletCommandController {

    private static final BigDecimal MOST = new BigDecimal("1000000.00");

    private final Commands commands;
    private final CurrentActor actor;

    public WalletCommandController(Commands commands, CurrentActor actor) {
        this.commands = commands;
        this.actor = actor;
    }

    record PointsAdjustment(@NotNull @Min(-100_000_000) @Max(100_000_000) @Schema(example = "500") Long delta,
                            @NotBlank @Size(max = 200) @SingleLine @Schema(example = "双十一补偿") String reason) {
    }

    record BalanceAdjustment(@NotNull @Schema(type = "string", example = "200.00",
                                     description = "positive tops up, negative corrects; at most 1000000.00 either way")
                             Money delta,
                             @NotBlank @Size(max = 200) @SingleLine @Schema(example = "充值") String reason) {

        @JsonIgnore
        @AssertTrue(message = "delta is between -1000000.00 and 1000000.00")
        public boolean isWithinBounds() {
            return delta == null || delta.amount().abs().compareTo(MOST) <= 0;
        }
    }

    @RolesAllowed({ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_ADJUSTMENT", "INSUFFICIENT_POINTS"})
    @PostMapping("/points")
    @Operation(operationId = "adjustPoints", summary = "Grant or take back points, with a reason (admin)",
            description = "The ledger records the reason and who adjusted. Never below zero: taking more than is "
                    + "available is 422 INSUFFICIENT_POINTS (frozen points cannot be taken).")
    public Wallet.WalletAck points(@PathVariable @Size(min = 1, max = 64) @SingleLine String buyerId,
                                   @Valid @RequestBody PointsAdjustment body) {
        return commands.send(new AdjustPoints(WalletCommand.walletId(buyerId), buyerId, body.delta(),
                body.reason().strip(), actor.get()));
    }

    @RolesAllowed({ADMIN, SYSTEM})
    @ProblemCodes(unprocessable = {"INVALID_ADJUSTMENT", "INSUFFICIENT_BALANCE", "BALANCE_LIMIT"})
    @PostMapping("/balance")
    @Operation(operationId = "adjustBalance", summary = "Top up or correct a balance, with a reason (admin, system)",
            description = "A top-up confirmed by a payment channel comes from the system; corrections from admins. "
                    + "Never below zero (422 INSUFFICIENT_BALANCE); at most 100000000.00 held (422 BALANCE_LIMIT).")
    public Wallet.WalletAck balance(@PathVariable @Size(min = 1, max = 64) @SingleLine String buyerId,
                                    @Valid @RequestBody BalanceAdjustment body) {
        return commands.send(new AdjustBalance(WalletCommand.walletId(buyerId), buyerId, body.delta(),
                body.reason().strip(), actor.get()));
    }
}
