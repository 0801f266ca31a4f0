package io.ordersvc.query.wallet;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.wallet.GiftCardQuery;
import io.ordersvc.shared.wallet.GiftCardQuery.GiftCardList;
import io.ordersvc.shared.wallet.WalletQuery.BalanceQuery;
import io.ordersvc.shared.wallet.WalletQuery.BalanceView;
import io.ordersvc.shared.wallet.WalletQuery.PointsQuery;
import io.ordersvc.shared.wallet.WalletQuery.PointsView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Points and balance")
public class WalletQueryController {

    private final QueryGateway queries;
    private final WalletQueries wallets;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public WalletQueryController(QueryGateway queries, WalletQueries wallets, ReadModelWait wait, CurrentActor actor) {
        this.queries = queries;
        this.wallets = wallets;
        this.wait = wait;
        this.actor = actor;
    }

    @RolesAllowed({BUYER})
    @GetMapping("/points")
    @Operation(operationId = "myPoints", summary = "The buyer's points and their ledger, newest first (buyer)",
            description = "available: what checkout may spend; frozen: held by unpaid orders (spent when they are "
                    + "paid, back when they are cancelled or expire). Ledger reasons: an admin's words, "
                    + "order_placed, order_cancelled, payment_timeout, order_refunded, order_completed, "
                    + "earned_taken_back. min_version: the wallet's version an admin's adjustment answered.")
    public ResponseEntity<PointsView> points(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                             @RequestParam(name = "min_version", required = false)
                                             @PositiveOrZero Long minVersion) {
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> wallets.version(caller.id()),
                () -> queries.query(new PointsQuery(caller.id(), page, size), PointsView.class).join());
    }

    @RolesAllowed({BUYER})
    @GetMapping("/gift-cards")
    @Operation(operationId = "myGiftCards", summary = "The buyer's bound gift cards with their balances (buyer)",
            description = "Newest bound first; a card past valid_until shows its balance but cannot be spent.")
    public List<GiftCardQuery.GiftCardView> giftCards() {
        return queries.query(new GiftCardQuery(actor.get().id()), GiftCardList.class).join().cards();
    }

    @RolesAllowed({BUYER})
    @GetMapping("/balance")
    @Operation(operationId = "myBalance", summary = "The buyer's balance and its ledger, newest first (buyer)",
            description = "Ledger reasons: a top-up's or correction's words, order_placed, order_cancelled, "
                    + "payment_timeout, order_refunded.")
    public ResponseEntity<BalanceView> balance(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                               @RequestParam(name = "min_version", required = false)
                                               @PositiveOrZero Long minVersion) {
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> wallets.version(caller.id()),
                () -> queries.query(new BalanceQuery(caller.id(), page, size), BalanceView.class).join());
    }
}
