package io.ordersvc.command.ticket;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.ticket.Ticket;
import io.ordersvc.shared.ticket.TicketCommand.RedeemTicket;
import io.ordersvc.shared.ticket.TicketCommand.RefundTicket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.BUYER;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@Validated
@RequestMapping("/api/v1/tickets")
@Tag(name = "E-tickets")
public class TicketController {

    private final Commands commands;
    private final CurrentActor actor;

    public TicketController(Commands commands, CurrentActor actor) {
        this.commands = commands;
        this.actor = actor;
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(notFound = {"TICKET_NOT_FOUND"}, conflict = {"TICKET_ALREADY_USED", "TICKET_EXPIRED",
            "TICKET_REFUNDED", "TICKET_NOT_YET_VALID"})
    @PostMapping("/{code}/redeem")
    @Operation(operationId = "redeemTicket", summary = "Take an e-ticket at the door (the shop's seller, admin)",
            description = "Once, and only within its validity: a second redemption, even at the same moment on "
                    + "another instance, is 409 TICKET_ALREADY_USED. The order completes when its last ticket is "
                    + "used, expired or refunded. Another shop's code is 404.")
    public TicketDesk.TicketAck redeem(@PathVariable @Pattern(regexp = Ticket.CODE_PATTERN) String code) {
        return commands.send(new RedeemTicket(code, actor.get()), () -> Refusal.ticketNotFound(code));
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"TICKET_NOT_FOUND"}, conflict = {"TICKET_ALREADY_USED", "TICKET_EXPIRED",
            "TICKET_REFUNDED", "ORDER_NOT_REFUNDABLE", "REFUND_ALREADY_OPEN"})
    @PostMapping("/{code}/refund")
    @Operation(operationId = "refundTicket", summary = "Give an unused e-ticket back (its buyer, admin)",
            description = "What the ticket cost (its line's paid amount apportioned over its tickets, to the fen) is "
                    + "refunded at once, the way it was paid (the channel's share through a payout); the ticket is "
                    + "refunded. A used or expired ticket is not.")
    public TicketDesk.TicketAck refund(@PathVariable @Pattern(regexp = Ticket.CODE_PATTERN) String code) {
        return commands.send(new RefundTicket(code, actor.get()), () -> Refusal.ticketNotFound(code));
    }
}
