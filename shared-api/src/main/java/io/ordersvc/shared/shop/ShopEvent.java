package io.ordersvc.shared.shop;

import java.time.Instant;
import java.util.List;

/** What happens to a shop's profile: it is saved whole, so each event is the profile as it is from then on. */
public sealed interface ShopEvent {

    String shopId();

    record ShopProfileSaved(String shopId, String name, String servicePhone, List<ReturnAddress> returnAddresses,
                            String savedBy, Instant at) implements ShopEvent {
    }
}
