package io.ordersvc.shared.order;

public record ShipmentLine(String orderLineId, int quantity) {
}
