package io.ordersvc.command.shop;

import io.ordersvc.command.support.LockOrder;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.shared.shop.ShopCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** A shop's return addresses as a return approval uses them, inside its unit of work (after the refund). */
@Component
@FeatureApi
public class ShopProfiles {

    private final Repository<Shop> shops;

    public ShopProfiles(Repository<Shop> shops) {
        this.shops = shops;
    }

    /**
     * The address named (addressId), else the shop's default; empty when the shop keeps none.
     *
     * @throws io.ordersvc.shared.error.Refusal 422 UNKNOWN_RETURN_ADDRESS when the id names none of the shop's
     */
    public Optional<ReturnAddress> returnAddress(String shopId, String addressId) {
        try {
            return LockOrder.load(shops, LockOrder.Rank.SHOP, ShopCommand.profileId(shopId),
                    id -> new AggregateNotFoundException(id, "no profile")).invoke(s -> s.returnAddress(addressId));
        } catch (AggregateNotFoundException none) {
            if (addressId != null) {
                throw Shop.unknownAddress(addressId);
            }
            return Optional.empty();
        }
    }
}
