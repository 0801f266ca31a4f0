package io.ordersvc.crud;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's paths, verbs and status codes for the calls the bench makes. */
@RestController
@RequestMapping("/api/v1")
class OrderDeskController {

    private final OrderDesk desk;

    OrderDeskController(OrderDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/products")
    @RolesAllowed("seller")
    ResponseEntity<OrderDesk.ProductCreated> create(@AuthenticationPrincipal Jwt seller,
                                                    @RequestBody OrderDesk.CreateProduct body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(desk.createProduct(seller, body));
    }

    @PostMapping("/orders")
    @RolesAllowed("buyer")
    ResponseEntity<OrderDesk.Placement> place(@AuthenticationPrincipal Jwt buyer, @RequestBody OrderDesk.Place body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(desk.place(buyer, body));
    }

    @PostMapping("/orders/{orderId}/pay")
    @RolesAllowed("system")
    OrderDesk.Paid pay(@AuthenticationPrincipal Jwt gateway, @PathVariable String orderId,
                       @RequestBody OrderDesk.Pay body) {
        return desk.pay(gateway, orderId, body);
    }

    @PostMapping("/orders/{orderId}/shipments")
    @RolesAllowed("seller")
    ResponseEntity<OrderDesk.ShipmentAck> ship(@AuthenticationPrincipal Jwt seller, @PathVariable String orderId,
                                               @RequestBody OrderDesk.Ship body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(desk.ship(seller, orderId, body));
    }

    @PostMapping("/orders/{orderId}/receipt")
    @RolesAllowed("buyer")
    OrderDesk.Ack receipt(@AuthenticationPrincipal Jwt buyer, @PathVariable String orderId) {
        return desk.confirmReceipt(buyer, orderId);
    }
}
