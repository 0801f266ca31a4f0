package io.ordersvc.query.order;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.ticket.Ticket;
import io.ordersvc.shared.ticket.TicketQuery;
import io.ordersvc.shared.ticket.TicketQuery.TicketList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Validated
@RequestMapping("/api/v1")
@Tag(name = "E-tickets")
public class TicketQueryController {

    private final TicketQueries tickets;
    private final OrderQueries orders;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public TicketQueryController(TicketQueries tickets, OrderQueries orders, ReadModelWait wait,
                                 CurrentActor actor) {
        this.tickets = tickets;
        this.orders = orders;
        this.wait = wait;
        this.actor = actor;
    }

    @ProblemCodes(notFound = {"ORDER_NOT_FOUND"})
    @GetMapping("/orders/{orderId}/tickets")
    @Operation(operationId = "listOrderTickets", summary = "An order's e-tickets (its buyer, its shop, admins)",
            description = "One per unit, issued when the order is paid, in the order issued: code (the shop sees "
                    + "its last four characters), status unused | used | expired | refunded, validity, what it cost. "
                    + "min_version=N waits for the order's read model as GET /orders/{order_id} does.")
    public ResponseEntity<TicketList> list(@PathVariable UUID orderId,
                                           @RequestParam(name = "min_version", required = false)
                                           @PositiveOrZero Long minVersion) {
        String id = orderId.toString();
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> orders.version(id), () -> tickets.tickets(id, caller));
    }

    @ProblemCodes(notFound = {"TICKET_NOT_FOUND"})
    @GetMapping(value = "/tickets/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(operationId = "ticketQrImage", summary = "An e-ticket's code as a QR image (its buyer, admins)",
            description = "A PNG the shop scans at the door; anyone else is 404 TICKET_NOT_FOUND.")
    @ApiResponse(responseCode = "200", description = "The QR image",
            content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    public ResponseEntity<byte[]> qr(@PathVariable @Pattern(regexp = Ticket.CODE_PATTERN) String code) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(tickets.qr(new TicketQuery.TicketImage(code, actor.get())));
    }
}
