package io.ordersvc.command.shop;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.shared.shop.ShopCommand;
import io.ordersvc.shared.shop.ShopCommand.SaveShopProfile;
import io.ordersvc.shared.shop.ShopEvent.ShopProfileSaved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A shop's profile: its name and service phone (on every order of the shop) and the addresses buyers send returns
 * to, one of them the default. Saved whole; saving the same profile again changes nothing.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Shop {

    /** At most this many return addresses per shop. */
    public static final int MAX_ADDRESSES = 20;

    @AggregateIdentifier
    private String profileId;
    private String shopId;
    private String name;
    private String servicePhone;
    private List<ReturnAddress> returnAddresses = List.of();

    public Shop() {
    }

    public record ShopAck(String shopId, long version) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ShopAck handle(SaveShopProfile cmd, Clock clock) {
        Actor actor = cmd.actor();
        if (!(actor.is(Role.ADMIN) || actor.isSellerOf(cmd.shopId()))) {
            throw Refusal.forbidden("a shop's profile is its seller's");
        }
        List<ReturnAddress> addresses = withOneDefault(cmd.returnAddresses());
        if (!cmd.name().equals(name) || !cmd.servicePhone().equals(servicePhone)
                || !addresses.equals(returnAddresses)) {
            apply(new ShopProfileSaved(cmd.shopId(), cmd.name(), cmd.servicePhone(), addresses, actor.id(),
                    clock.instant()));
        }
        Long version = AggregateLifecycle.getVersion();
        return new ShopAck(cmd.shopId(), version == null ? -1 : version);
    }

    /**
     * The addresses with exactly one default: the one marked, or the first when none is.
     *
     * @throws Refusal 422 INVALID_RETURN_ADDRESSES for more than one default, a repeated id, or too many
     */
    static List<ReturnAddress> withOneDefault(List<ReturnAddress> given) {
        List<String> problems = new ArrayList<>();
        if (given.size() > MAX_ADDRESSES) {
            problems.add("return_addresses: at most " + MAX_ADDRESSES);
        }
        if (given.stream().filter(ReturnAddress::isDefault).count() > 1) {
            problems.add("return_addresses: at most one default");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            if (!ids.add(given.get(i).addressId())) {
                problems.add("return_addresses[" + i + "].address_id: repeated");
            }
        }
        if (!problems.isEmpty()) {
            throw Refusal.unprocessable("INVALID_RETURN_ADDRESSES", String.join("; ", problems))
                    .with("problems", problems);
        }
        boolean anyDefault = given.stream().anyMatch(ReturnAddress::isDefault);
        List<ReturnAddress> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            ReturnAddress a = given.get(i);
            out.add(new ReturnAddress(a.addressId(), a.name(), a.phone(), a.address(),
                    anyDefault ? a.isDefault() : i == 0));
        }
        return List.copyOf(out);
    }

    /**
     * The address a return goes to: the one named, else the default; empty when the shop has none.
     *
     * @throws Refusal 422 UNKNOWN_RETURN_ADDRESS when the id names none of the shop's
     */
    Optional<ReturnAddress> returnAddress(String addressId) {
        if (addressId != null) {
            return Optional.of(returnAddresses.stream().filter(a -> a.addressId().equals(addressId)).findFirst()
                    .orElseThrow(() -> unknownAddress(addressId)));
        }
        return returnAddresses.stream().filter(ReturnAddress::isDefault).findFirst();
    }

    static Refusal unknownAddress(String addressId) {
        return Refusal.unprocessable("UNKNOWN_RETURN_ADDRESS", "the shop has no return address " + addressId);
    }

    @EventSourcingHandler
    void on(ShopProfileSaved e) {
        profileId = ShopCommand.profileId(e.shopId());
        shopId = e.shopId();
        name = e.name();
        servicePhone = e.servicePhone();
        returnAddresses = List.copyOf(e.returnAddresses());
    }
}
