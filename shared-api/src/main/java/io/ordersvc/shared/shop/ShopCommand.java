package io.ordersvc.shared.shop;

import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.ActorAware;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A shop's profile (seed 000 shopName, shopServiceTel, backAddrs). */
public sealed interface ShopCommand extends ActorAware {

    /** A shop's profile aggregate: its id is the shop's, prefixed so that it never meets another aggregate's. */
    static String profileId(String shopId) {
        return "shop-" + shopId;
    }

    /** PUT /shops/{shop_id} (its seller, admin): the whole profile, addresses in the order given. */
    record SaveShopProfile(@TargetAggregateIdentifier String profileId, String shopId, String name,
                           String servicePhone, List<ReturnAddress> returnAddresses, Actor actor)
            implements ShopCommand {
    }
}
