package io.ordersvc.command.wallet;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.MinAmount;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.wallet.GiftCardCommand;
import io.ordersvc.shared.wallet.GiftCardCommand.BindGiftCard;
import io.ordersvc.shared.wallet.GiftCardCommand.IssueGiftCards;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1/gift-cards")
@Tag(name = "Points and balance")
public class GiftCardCommandController {

    private final Commands commands;
    private final CurrentActor actor;

    public GiftCardCommandController(Commands commands, CurrentActor actor) {
        this.commands = commands;
        this.actor = actor;
    }

    record IssueRequest(@NotNull @Min(1) @Max(GiftCards.MAX_BATCH) @Schema(example = "10") Integer count,
                        @NotNull @MinAmount("0.01") @Schema(type = "string", example = "100.00",
                                description = "at most 10000.00") Money amount,
                        @NotNull @Schema(example = "2027-12-31T16:00:00Z") Instant validUntil) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        @jakarta.validation.constraints.AssertTrue(message = "amount is at most 10000.00")
        public boolean isAmountWithinBounds() {
            return amount == null || amount.compareTo(Money.of("10000.00")) <= 0;
        }
    }

    record BindRequest(@NotNull @Pattern(regexp = "\\d{16}", message = "must be 16 digits")
                       @Schema(example = "6217000012345678") String number,
                       @NotNull @Size(min = 1, max = 32) @SingleLine @Schema(example = "K7WQ2M9XHP4R") String secret) {
    }

    @RolesAllowed({ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_VALIDITY"})
    @PostMapping
    @Operation(operationId = "issueGiftCards", summary = "Issue a batch of gift cards (admin)",
            description = "Each card gets 16 random digits and a 12-character secret; the secrets are shown here "
                    + "only (the service keeps their hashes). At most 1000 cards per batch.")
    @ApiResponse(responseCode = "201", description = "Issued", useReturnTypeSchema = true)
    public ResponseEntity<GiftCards.Batch> issue(@Valid @RequestBody IssueRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(commands.send(new IssueGiftCards(body.count(),
                body.amount(), body.validUntil(), actor.get())));
    }

    @RolesAllowed({BUYER})
    @ProblemCodes(conflict = {"GIFT_CARD_ALREADY_BOUND"}, unprocessable = {"INVALID_GIFT_CARD", "GIFT_CARD_EXPIRED"})
    @PostMapping("/bind")
    @Operation(operationId = "bindGiftCard", summary = "Bind a gift card with its number and secret (buyer)",
            description = "An unknown number and a wrong secret are both 422 INVALID_GIFT_CARD. Binding a card "
                    + "already yours again changes nothing; one bound to another buyer is 409.")
    public GiftCard.GiftCardAck bind(@Valid @RequestBody BindRequest body) {
        return commands.send(new BindGiftCard(GiftCardCommand.cardId(body.number()), body.number(),
                body.secret().strip(), actor.get()), Refusal::invalidGiftCard);
    }
}
