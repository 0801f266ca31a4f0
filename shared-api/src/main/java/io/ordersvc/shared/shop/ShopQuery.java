package io.ordersvc.shared.shop;

import io.ordersvc.shared.identity.Actor;

import java.util.List;

/** GET /shops/{shop_id}: anyone signed in; the return addresses only for the shop and admins. */
public record ShopQuery(String shopId, Actor actor) {

    public record ShopView(String shopId, String name, String servicePhone,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           List<ReturnAddress> returnAddresses,
                           long version) {
    }
}
