package io.ordersvc.shared.groupbuy;

/** The group an order belongs to, as the order's answer, detail and list show it. */
public record GroupRef(String groupId, String groupBuyId, GroupStatus status) {
}
